using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PartnerPortal.Web.Data.Migrations;

/// <summary>
/// The first schema, as reviewed SQL (the model's DDL from <c>--schema-script</c>). Later migrations use MigrationBuilder
/// operations; the schema-drift test compares the migrated database with the model either way.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121060000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(MigrationSql.Read("20261121060000_Initial.sql"));

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SentInvitations");
        migrationBuilder.DropTable(name: "AspNetUserTokens");
        migrationBuilder.DropTable(name: "AspNetUserRoles");
        migrationBuilder.DropTable(name: "AspNetUserLogins");
        migrationBuilder.DropTable(name: "AspNetUserClaims");
        migrationBuilder.DropTable(name: "Subscriptions");
        migrationBuilder.DropTable(name: "ResellerPartnerships");
        migrationBuilder.DropTable(name: "InvitationLinks");
        migrationBuilder.DropTable(name: "DelegatedAdminGrants");
        migrationBuilder.DropTable(name: "CustomerRelationships");
        migrationBuilder.DropTable(name: "AspNetUsers");
        migrationBuilder.DropTable(name: "AspNetRoleClaims");
        migrationBuilder.DropTable(name: "Partners");
        migrationBuilder.DropTable(name: "Offers");
        migrationBuilder.DropTable(name: "Customers");
        migrationBuilder.DropTable(name: "AuditEntries");
        migrationBuilder.DropTable(name: "AspNetRoles");
    }
}
