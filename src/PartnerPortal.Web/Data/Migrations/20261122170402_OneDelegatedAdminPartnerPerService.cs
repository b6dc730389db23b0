using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneDelegatedAdminPartnerPerService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DelegatedAdminGrants_CustomerId_PartnerId_Service",
                table: "DelegatedAdminGrants");

            migrationBuilder.CreateTable(
                name: "FormSubmissions",
                columns: table => new
                {
                    Token = table.Column<Guid>(type: "uuid", nullable: false),
                    Form = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResultId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FormSubmissions", x => x.Token);
                });

            // Seed 002's rule now holds in every cloud. Where two partners already hold delegated admin for the same service of
            // one customer, the earliest grant stays and the later ones are revoked (the rows stay as history), so the index
            // below can be built.
            migrationBuilder.Sql("""
                UPDATE "DelegatedAdminGrants" g SET "RevokedAt" = now()
                WHERE g."RevokedAt" IS NULL AND EXISTS (
                    SELECT 1 FROM "DelegatedAdminGrants" earlier
                    WHERE earlier."CustomerId" = g."CustomerId" AND earlier."Service" = g."Service" AND earlier."RevokedAt" IS NULL
                      AND (earlier."GrantedAt", earlier."Id") < (g."GrantedAt", g."Id"));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_DelegatedAdminGrants_one_partner_per_service",
                table: "DelegatedAdminGrants",
                columns: new[] { "CustomerId", "Service" },
                unique: true,
                filter: "\"RevokedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FormSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_DelegatedAdminGrants_one_partner_per_service",
                table: "DelegatedAdminGrants");

            migrationBuilder.CreateIndex(
                name: "IX_DelegatedAdminGrants_CustomerId_PartnerId_Service",
                table: "DelegatedAdminGrants",
                columns: new[] { "CustomerId", "PartnerId", "Service" },
                unique: true,
                filter: "\"RevokedAt\" IS NULL");
        }
    }
}
