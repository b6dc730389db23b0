using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminRelationshipNameUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "AdminRelationships",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true,
                computedColumnSql: "lower(\"DisplayName\"::text)",
                stored: true);

            // Names already used twice among relationships not ended keep their first holder's; the others get " (2)", " (3)"...
            migrationBuilder.Sql("""
                UPDATE "AdminRelationships" r SET "DisplayName" = left(d."DisplayName", 50 - length(' (' || d.n || ')')) || ' (' || d.n || ')'
                FROM (SELECT "Id", "DisplayName", row_number() OVER (PARTITION BY "PartnerId", lower("DisplayName") ORDER BY "CreatedAt", "Id") AS n
                      FROM "AdminRelationships" WHERE "Status" IN ('Created', 'ApprovalPending', 'Active')) d
                WHERE r."Id" = d."Id" AND d.n > 1
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationships_open_name_per_partner",
                table: "AdminRelationships",
                columns: new[] { "PartnerId", "NameKey" },
                unique: true,
                filter: "\"Status\" IN ('Created', 'ApprovalPending', 'Active')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AdminRelationships_open_name_per_partner",
                table: "AdminRelationships");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "AdminRelationships");
        }
    }
}
