using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminRelationships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "LinkId",
                table: "SentInvitations",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "AdminRelationshipId",
                table: "SentInvitations",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AdminRelationships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Cloud = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    Roles = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    AutoExtend = table.Column<bool>(type: "boolean", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    CustomerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EndReason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedForApprovalAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminRelationships", x => x.Id);
                    table.CheckConstraint("CK_AdminRelationships_active_has_customer", "\"Status\" NOT IN ('Active', 'Expired') OR (\"CustomerId\" IS NOT NULL AND \"EndsAt\" IS NOT NULL)");
                    table.CheckConstraint("CK_AdminRelationships_duration", "\"DurationDays\" BETWEEN 1 AND 730");
                    table.CheckConstraint("CK_AdminRelationships_no_auto_extend_with_global_admin", "NOT (\"AutoExtend\" AND '62e90394-69f5-4237-9190-012177145e10'::uuid = ANY (\"Roles\"))");
                    table.ForeignKey(
                        name: "FK_AdminRelationships_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AdminRelationships_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SecurityGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SecurityGroups_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AdminRelationshipReminders",
                columns: table => new
                {
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminRelationshipReminders", x => new { x.RelationshipId, x.EndsAt, x.DaysBefore });
                    table.ForeignKey(
                        name: "FK_AdminRelationshipReminders_AdminRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "AdminRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccessAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Roles = table.Column<Guid[]>(type: "uuid[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessAssignments_AdminRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "AdminRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccessAssignments_SecurityGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "SecurityGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupMembers",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMembers", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GroupMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupMembers_SecurityGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "SecurityGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SentInvitations_AdminRelationshipId",
                table: "SentInvitations",
                column: "AdminRelationshipId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_SentInvitations_one_subject",
                table: "SentInvitations",
                sql: "(\"LinkId\" IS NULL) <> (\"AdminRelationshipId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_AccessAssignments_GroupId",
                table: "AccessAssignments",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessAssignments_RelationshipId_GroupId",
                table: "AccessAssignments",
                columns: new[] { "RelationshipId", "GroupId" },
                unique: true,
                filter: "\"RemovedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationships_Code",
                table: "AdminRelationships",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationships_CustomerId_Status",
                table: "AdminRelationships",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationships_PartnerId_EndsAt_Id",
                table: "AdminRelationships",
                columns: new[] { "PartnerId", "EndsAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AdminRelationships_Status_EndsAt",
                table: "AdminRelationships",
                columns: new[] { "Status", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_UserId",
                table: "GroupMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_PartnerId_Name",
                table: "SecurityGroups",
                columns: new[] { "PartnerId", "Name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_SentInvitations_AdminRelationships_AdminRelationshipId",
                table: "SentInvitations",
                column: "AdminRelationshipId",
                principalTable: "AdminRelationships",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SentInvitations_AdminRelationships_AdminRelationshipId",
                table: "SentInvitations");

            migrationBuilder.DropTable(
                name: "AccessAssignments");

            migrationBuilder.DropTable(
                name: "AdminRelationshipReminders");

            migrationBuilder.DropTable(
                name: "GroupMembers");

            migrationBuilder.DropTable(
                name: "AdminRelationships");

            migrationBuilder.DropTable(
                name: "SecurityGroups");

            migrationBuilder.DropIndex(
                name: "IX_SentInvitations_AdminRelationshipId",
                table: "SentInvitations");

            migrationBuilder.DropCheckConstraint(
                name: "CK_SentInvitations_one_subject",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "AdminRelationshipId",
                table: "SentInvitations");

            migrationBuilder.AlterColumn<Guid>(
                name: "LinkId",
                table: "SentInvitations",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
