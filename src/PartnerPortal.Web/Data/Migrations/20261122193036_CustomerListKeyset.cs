using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerListKeyset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomerName",
                table: "CustomerRelationships",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Existing relationships take their customer's name; the default only served the ALTER.
            migrationBuilder.Sql("""
                UPDATE "CustomerRelationships" r SET "CustomerName" = c."CompanyName" FROM "Customers" c WHERE c."Id" = r."CustomerId";
                ALTER TABLE "CustomerRelationships" ALTER COLUMN "CustomerName" DROP DEFAULT;
                """);

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

            migrationBuilder.DropColumn(
                name: "CustomerName",
                table: "CustomerRelationships");
        }
    }
}
