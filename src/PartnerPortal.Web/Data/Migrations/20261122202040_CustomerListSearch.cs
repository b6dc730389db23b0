using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerListSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomerDomain",
                table: "CustomerRelationships",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            // Existing relationships take their customer's domain; the default only served the ALTER.
            migrationBuilder.Sql("""
                UPDATE "CustomerRelationships" r SET "CustomerDomain" = c."Domain" FROM "Customers" c WHERE c."Id" = r."CustomerId";
                ALTER TABLE "CustomerRelationships" ALTER COLUMN "CustomerDomain" DROP DEFAULT;
                """);

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_CustomerDomain_trgm",
                table: "CustomerRelationships");

            migrationBuilder.DropIndex(
                name: "IX_CustomerRelationships_CustomerName_trgm",
                table: "CustomerRelationships");

            migrationBuilder.DropColumn(
                name: "CustomerDomain",
                table: "CustomerRelationships");
        }
    }
}
