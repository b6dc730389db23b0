using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminRelationshipBulkChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdminRelationshipBulkChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminRelationshipBulkChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdminRelationshipBulkChanges_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AdminRelationshipBulkItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ChangeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelationshipName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RefusalCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RefusalMessage = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RefusalArguments = table.Column<string[]>(type: "text[]", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminRelationshipBulkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdminRelationshipBulkItems_AdminRelationshipBulkChanges_Cha~",
                        column: x => x.ChangeId,
                        principalTable: "AdminRelationshipBulkChanges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipBulkChanges_PartnerId_CreatedAt",
                table: "AdminRelationshipBulkChanges",
                columns: new[] { "PartnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipBulkItems_ChangeId_RelationshipId",
                table: "AdminRelationshipBulkItems",
                columns: new[] { "ChangeId", "RelationshipId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipBulkItems_ChangeId_State_Id",
                table: "AdminRelationshipBulkItems",
                columns: new[] { "ChangeId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationshipBulkItems_queued",
                table: "AdminRelationshipBulkItems",
                column: "Id",
                filter: "\"State\" = 'Queued'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminRelationshipBulkItems");

            migrationBuilder.DropTable(
                name: "AdminRelationshipBulkChanges");
        }
    }
}
