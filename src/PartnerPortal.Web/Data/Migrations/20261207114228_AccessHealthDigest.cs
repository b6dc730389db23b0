using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessHealthDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_SentInvitations_one_subject",
                table: "SentInvitations");

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccessHealthDigestRuns",
                columns: table => new
                {
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    NewProblems = table.Column<int>(type: "integer", nullable: false),
                    RanAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessHealthDigestRuns", x => new { x.PartnerId, x.Day });
                    table.ForeignKey(
                        name: "FK_AccessHealthDigestRuns_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccessHealthNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Problem = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NotifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessHealthNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessHealthNotices_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_SentInvitations_one_subject",
                table: "SentInvitations",
                sql: "CASE WHEN \"Kind\" = 'AccessHealthDigest' THEN \"LinkId\" IS NULL AND \"AdminRelationshipId\" IS NULL ELSE (\"LinkId\" IS NULL) <> (\"AdminRelationshipId\" IS NULL) END");

            migrationBuilder.CreateIndex(
                name: "IX_AccessHealthNotices_PartnerId_Problem_Key",
                table: "AccessHealthNotices",
                columns: new[] { "PartnerId", "Problem", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessHealthDigestRuns");

            migrationBuilder.DropTable(
                name: "AccessHealthNotices");

            migrationBuilder.DropCheckConstraint(
                name: "CK_SentInvitations_one_subject",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "PreferredLanguage",
                table: "AspNetUsers");

            migrationBuilder.AddCheckConstraint(
                name: "CK_SentInvitations_one_subject",
                table: "SentInvitations",
                sql: "(\"LinkId\" IS NULL) <> (\"AdminRelationshipId\" IS NULL)");
        }
    }
}
