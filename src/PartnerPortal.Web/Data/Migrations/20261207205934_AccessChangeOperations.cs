using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessChangeOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ActivatedAt",
                table: "AccessAssignments",
                type: "timestamp with time zone",
                nullable: true);

            // Assignments made before the access job existed took effect when they were made.
            migrationBuilder.Sql("""UPDATE "AccessAssignments" SET "ActivatedAt" = "CreatedAt" WHERE "ActivatedAt" IS NULL AND "RemovedAt" IS NULL""");

            migrationBuilder.CreateTable(
                name: "AdminRelationshipOperations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Target = table.Column<Guid>(type: "uuid", nullable: false),
                    Roles = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FailureCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    FailureMessage = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastModifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminRelationshipOperations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdminRelationshipOperations_AdminRelationships_Relationship~",
                        column: x => x.RelationshipId,
                        principalTable: "AdminRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessAssignments_pending",
                table: "AccessAssignments",
                column: "CreatedAt",
                filter: "\"ActivatedAt\" IS NULL AND \"RemovedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipOperations_one_unfinished_per_target",
                table: "AdminRelationshipOperations",
                column: "Target",
                unique: true,
                filter: "\"Status\" IN ('NotStarted', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipOperations_queue",
                table: "AdminRelationshipOperations",
                column: "CreatedAt",
                filter: "\"Status\" IN ('NotStarted', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipOperations_RelationshipId_CreatedAt_Id",
                table: "AdminRelationshipOperations",
                columns: new[] { "RelationshipId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminRelationshipOperations");

            migrationBuilder.DropIndex(
                name: "IX_AccessAssignments_pending",
                table: "AccessAssignments");

            migrationBuilder.DropColumn(
                name: "ActivatedAt",
                table: "AccessAssignments");
        }
    }
}
