using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerPortal.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvitationOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "SentInvitations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Body",
                table: "SentInvitations",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeliveredAt",
                table: "SentInvitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryStatus",
                table: "SentInvitations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "SentInvitations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LockedUntil",
                table: "SentInvitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "SentInvitations",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "SentInvitations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Invitations sent before the outbox were delivered inside their request: they are sent. The defaults that filled the
            // new columns of existing rows are dropped again, as the model has none.
            migrationBuilder.Sql("""
                UPDATE "SentInvitations" SET "DeliveryStatus" = 'Sent', "DeliveredAt" = "SentAt", "NextAttemptAt" = "SentAt";
                ALTER TABLE "SentInvitations" ALTER COLUMN "Attempts" DROP DEFAULT;
                ALTER TABLE "SentInvitations" ALTER COLUMN "Body" DROP DEFAULT;
                ALTER TABLE "SentInvitations" ALTER COLUMN "DeliveryStatus" DROP DEFAULT;
                ALTER TABLE "SentInvitations" ALTER COLUMN "NextAttemptAt" DROP DEFAULT;
                ALTER TABLE "SentInvitations" ALTER COLUMN "Subject" DROP DEFAULT;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_SentInvitations_DeliveryStatus_NextAttemptAt",
                table: "SentInvitations",
                columns: new[] { "DeliveryStatus", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SentInvitations_DeliveryStatus_NextAttemptAt",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "Body",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "DeliveryStatus",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "SentInvitations");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "SentInvitations");
        }
    }
}
