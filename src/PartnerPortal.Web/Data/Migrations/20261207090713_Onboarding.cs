using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Onboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityGroups_PartnerId_Name",
                table: "SecurityGroups");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "SecurityGroups",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccessTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    AutoExtend = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessTemplates", x => x.Id);
                    table.CheckConstraint("CK_AccessTemplates_duration", "\"DurationDays\" BETWEEN 1 AND 730");
                    table.ForeignKey(
                        name: "FK_AccessTemplates_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OnboardingBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LinkOrigin = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnboardingBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnboardingBatches_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AccessTemplateLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Roles = table.Column<Guid[]>(type: "uuid[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessTemplateLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessTemplateLines_AccessTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "AccessTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccessTemplateLines_SecurityGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "SecurityGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Onboardings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    DurationDays = table.Column<int>(type: "integer", nullable: false),
                    AutoExtend = table.Column<bool>(type: "boolean", nullable: false),
                    Plan = table.Column<string>(type: "jsonb", nullable: false),
                    Domain = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    CompanyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RelationshipId = table.Column<Guid>(type: "uuid", nullable: true),
                    SentInvitationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FailedStep = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FailureMessage = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FailureArguments = table.Column<string[]>(type: "text[]", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EmailSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GroupsAssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Onboardings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Onboardings_AdminRelationships_RelationshipId",
                        column: x => x.RelationshipId,
                        principalTable: "AdminRelationships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Onboardings_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Onboardings_OnboardingBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "OnboardingBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Onboardings_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_PartnerId_Name",
                table: "SecurityGroups",
                columns: new[] { "PartnerId", "Name" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AccessTemplateLines_GroupId",
                table: "AccessTemplateLines",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessTemplateLines_TemplateId_GroupId",
                table: "AccessTemplateLines",
                columns: new[] { "TemplateId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessTemplates_PartnerId_Name",
                table: "AccessTemplates",
                columns: new[] { "PartnerId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnboardingBatches_PartnerId_CreatedAt",
                table: "OnboardingBatches",
                columns: new[] { "PartnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Onboardings_BatchId_Id",
                table: "Onboardings",
                columns: new[] { "BatchId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Onboardings_CustomerId",
                table: "Onboardings",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Onboardings_PartnerId_TemplateId_Domain",
                table: "Onboardings",
                columns: new[] { "PartnerId", "TemplateId", "Domain" },
                unique: true,
                filter: "\"State\" IN ('Queued', 'AwaitingApproval', 'AssigningGroups', 'Failed')");

            migrationBuilder.CreateIndex(
                name: "IX_Onboardings_RelationshipId",
                table: "Onboardings",
                column: "RelationshipId");

            migrationBuilder.CreateIndex(
                name: "IX_Onboardings_State_Id",
                table: "Onboardings",
                columns: new[] { "State", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessTemplateLines");

            migrationBuilder.DropTable(
                name: "Onboardings");

            migrationBuilder.DropTable(
                name: "AccessTemplates");

            migrationBuilder.DropTable(
                name: "OnboardingBatches");

            migrationBuilder.DropIndex(
                name: "IX_SecurityGroups_PartnerId_Name",
                table: "SecurityGroups");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "SecurityGroups");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_PartnerId_Name",
                table: "SecurityGroups",
                columns: new[] { "PartnerId", "Name" },
                unique: true);
        }
    }
}
