using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

public class UsersPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Global_admin_lists_only_their_organizations_users()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(DemoDirectory.PartnerUserEmail("fabrikam", PartnerRole.GlobalAdmin));
        var page = await client.GetAsync("/Users");
        var emails = page.FindAll("table.grid tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.Equal(PartnerRole.All.Count, emails.Count);
        Assert.All(emails, e => Assert.EndsWith("@fabrikam.example", e));
    }

    [Fact]
    public async Task User_management_admin_adds_a_user_who_must_change_the_temporary_password()
    {
        using var admin = portal.NewClient();
        await admin.SignInAsync(DemoDirectory.PartnerUserEmail("fabrikam", PartnerRole.UserManagementAdmin));
        var form = await admin.GetAsync("/Users/Create");
        var created = await admin.SubmitAsync(form, "main form", new Dictionary<string, object?>
        {
            ["Input.DisplayName"] = "New Agent",
            ["Input.Email"] = "new.agent@fabrikam.example",
            ["Input.Roles"] = new[] { PartnerRole.SalesAgent },
        });
        var password = created.Find("[data-testid=temporary-password]")!.TextContent;
        Assert.True(password.Length >= 12);

        await using (var db = portal.Db())
        {
            var stored = await db.Users.SingleAsync(u => u.Email == "new.agent@fabrikam.example");
            Assert.True(stored.MustChangePassword);
            Assert.DoesNotContain(password, stored.PasswordHash!, StringComparison.Ordinal);
        }

        using var agent = portal.NewClient();
        var first = await agent.SignInAsync("new.agent@fabrikam.example", password);
        Assert.Equal("/Account/ChangePassword", first.Url.AbsolutePath);
        var elsewhere = await agent.GetAsync("/Customers");
        Assert.Equal("/Account/ChangePassword", elsewhere.Url.AbsolutePath);

        var changed = await agent.SubmitAsync(elsewhere, "main form", new Dictionary<string, object?>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "A-brand-new-passw0rd",
            ["Input.ConfirmPassword"] = "A-brand-new-passw0rd",
        });
        Assert.Equal("/Customers", changed.Url.AbsolutePath);
    }

    [Fact]
    public async Task Roles_of_another_organizations_user_cannot_be_read_or_changed_by_id()
    {
        await using var db = portal.Db();
        var victim = await db.Users.SingleAsync(u => u.Email == DemoDirectory.PartnerUserEmail("contoso", PartnerRole.SalesAgent));

        using var attacker = portal.NewClient();
        var own = await attacker.SignInAsync(DemoDirectory.PartnerUserEmail("fabrikam", PartnerRole.GlobalAdmin));
        var read = await attacker.GetAsync($"/Users/Edit/{victim.Id}");
        Assert.Equal(HttpStatusCode.NotFound, read.Status);

        var ownUsers = await attacker.GetAsync("/Users");
        var write = await attacker.PostRawAsync(ownUsers, $"/Users/Edit/{victim.Id}", new Dictionary<string, string> { ["Roles"] = PartnerRole.GlobalAdmin });
        Assert.Equal(HttpStatusCode.NotFound, write.Status);

        using var scope = portal.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal([PartnerRole.SalesAgent], await users.GetRolesAsync((await users.FindByIdAsync(victim.Id.ToString()))!));
    }

    [Fact]
    public async Task Nobody_changes_their_own_roles_so_the_last_global_admin_cannot_demote_itself()
    {
        await using var db = portal.Db();
        var self = await db.Users.SingleAsync(u => u.Email == DemoDirectory.PartnerUserEmail("tailspin", PartnerRole.GlobalAdmin));
        using var client = portal.NewClient();
        await client.SignInAsync(self.Email!);
        var form = await client.GetAsync($"/Users/Edit/{self.Id}");
        var page = await client.SubmitAsync(form, "main form", new Dictionary<string, object?> { ["Roles"] = new[] { PartnerRole.AdminAgent } });
        Assert.Contains("You cannot change your own roles. Ask another administrator of your organization.", page.Errors);
        Assert.True(await Flows.IsGlobalAdminAsync(db, self.Id));
    }

    [Fact]
    public async Task Saving_the_roles_a_user_already_has_changes_nothing()
    {
        await using var db = portal.Db();
        var agent = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoDirectory.PartnerUserEmail("northwind", PartnerRole.SalesAgent));
        var audited = await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == "UserRolesChanged");

        using var admin = portal.NewClient();
        await admin.SignInAsync(DemoDirectory.PartnerUserEmail("northwind", PartnerRole.GlobalAdmin));
        var form = await admin.GetAsync($"/Users/Edit/{agent.Id}");
        var saved = await admin.SubmitAsync(form, "main form");
        Assert.Equal("/Users", saved.Url.AbsolutePath);
        Assert.Contains($"Nothing changed: {agent.Email} already has these roles.", saved.Text, StringComparison.Ordinal);

        db.ChangeTracker.Clear();
        var after = await db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id);
        Assert.Equal(agent.SecurityStamp, after.SecurityStamp);
        Assert.Equal(audited, await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == "UserRolesChanged"));

        // A real change still renews the stamp and is audited.
        var changed = await admin.SubmitAsync(await admin.GetAsync($"/Users/Edit/{agent.Id}"), "main form", new Dictionary<string, object?> { ["Roles"] = new[] { PartnerRole.SalesAgent, PartnerRole.AdminAgent } });
        Assert.Contains($"Roles saved for {agent.Email}.", changed.Text, StringComparison.Ordinal);
        var renewed = await db.Users.AsNoTracking().SingleAsync(u => u.Id == agent.Id);
        Assert.NotEqual(agent.SecurityStamp, renewed.SecurityStamp);
        Assert.Equal(audited + 1, await db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.Action == "UserRolesChanged"));
    }
}
