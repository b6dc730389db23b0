using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminRelationshipRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdminRelationshipRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminRelationshipRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdminRelationshipRequests_AdminRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "AdminRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipRequests_RelationshipId_CreatedAt_Id",
                table: "AdminRelationshipRequests",
                columns: new[] { "RelationshipId", "CreatedAt", "Id" });

            // Relationships offered or ended before requests were kept: their requests, from the times the relationship records.
            migrationBuilder.Sql("""
                INSERT INTO "AdminRelationshipRequests" ("Id", "RelationshipId", "PartnerId", "Action", "CreatedAt", "LastModifiedAt")
                SELECT gen_random_uuid(), "Id", "PartnerId", 'LockForApproval', "LockedForApprovalAt", "LockedForApprovalAt"
                FROM "AdminRelationships" WHERE "LockedForApprovalAt" IS NOT NULL
                UNION ALL
                SELECT gen_random_uuid(), "Id", "PartnerId", 'Terminate', "EndedAt", "EndedAt"
                FROM "AdminRelationships" WHERE "EndReason" IN ('TerminatedByPartner', 'WithdrawnByPartner') AND "EndedAt" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminRelationshipRequests");
        }
    }
}
