using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListSeekIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SentInvitations_PartnerId_SentAt",
                table: "SentInvitations");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_CustomerId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CustomerId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PartnerId",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_SentInvitations_PartnerId_SentAt_Id",
                table: "SentInvitations",
                columns: new[] { "PartnerId", "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CustomerId_At_Id",
                table: "AuditEntries",
                columns: new[] { "CustomerId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_Action_At_Id",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "Action", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_At_Id",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Subject_trgm",
                table: "AuditEntries",
                column: "Subject")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CustomerId_NormalizedEmail_Id",
                table: "AspNetUsers",
                columns: new[] { "CustomerId", "NormalizedEmail", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PartnerId_NormalizedEmail_Id",
                table: "AspNetUsers",
                columns: new[] { "PartnerId", "NormalizedEmail", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SentInvitations_PartnerId_SentAt_Id",
                table: "SentInvitations");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_CustomerId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_Action_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PartnerId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Subject_trgm",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CustomerId_NormalizedEmail_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PartnerId_NormalizedEmail_Id",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_SentInvitations_PartnerId_SentAt",
                table: "SentInvitations",
                columns: new[] { "PartnerId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CustomerId_At",
                table: "AuditEntries",
                columns: new[] { "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PartnerId_At",
                table: "AuditEntries",
                columns: new[] { "PartnerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CustomerId",
                table: "AspNetUsers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PartnerId",
                table: "AspNetUsers",
                column: "PartnerId");
        }
    }
}
