using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_CustomerDomain_trgm",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_CustomerName_trgm",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_partner_list",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_partner_reseller_list",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_reseller_list",
                table: "CustomerRelationships");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "CustomerRelationships",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(\"CustomerName\"::text || E'\\n' || \"CustomerDomain\"::text)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_partner_list",
                table: "CustomerRelationships",
                columns: new[] { "PartnerId", "CustomerName", "CustomerId" },
                filter: "\"RemovedAt\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_partner_reseller_list",
                table: "CustomerRelationships",
                columns: new[] { "PartnerId", "IndirectResellerId", "CustomerName", "CustomerId" },
                filter: "\"RemovedAt\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_reseller_list",
                table: "CustomerRelationships",
                columns: new[] { "IndirectResellerId", "CustomerName", "CustomerId" },
                filter: "\"RemovedAt\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_SearchText_trgm",
                table: "CustomerRelationships",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_partner_list",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_partner_reseller_list",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_reseller_list",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_SearchText_trgm",
                table: "CustomerRelationships");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "CustomerRelationships");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_CustomerDomain_trgm",
                table: "CustomerRelationships",
                column: "CustomerDomain")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_CustomerName_trgm",
                table: "CustomerRelationships",
                column: "CustomerName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_partner_list",
                table: "CustomerRelationships",
                columns: new[] { "PartnerId", "CustomerName", "CustomerId" },
                filter: "\"RemovedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_partner_reseller_list",
                table: "CustomerRelationships",
                columns: new[] { "PartnerId", "IndirectResellerId", "CustomerName", "CustomerId" },
                filter: "\"RemovedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerRelationships_reseller_list",
                table: "CustomerRelationships",
                columns: new[] { "IndirectResellerId", "CustomerName", "CustomerId" },
                filter: "\"RemovedAt\" IS NULL");
        }
    }
}
