using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 18's rules that must hold under real parallel requests, on the handlers the pages call: two colleagues accepting
/// one partnership link at once, two admins adding the same address at once, one API application form posted twice.
/// </summary>
public class ParallelFormsTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Two_colleagues_accepting_the_same_partnership_link_at_once_make_one_partnership()
    {
        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam", PartnerRole.SalesAgent));
        var draft = await provider.SubmitAsync(await provider.GetAsync("/IndirectResellers"), "main form");
        var link = LinkPath(draft);

        using var agent = portal.NewClient();
        using var admin = portal.NewClient();
        await agent.SignInAsync(Partner("wideworld", PartnerRole.AdminAgent));
        await admin.SignInAsync(Partner("wideworld", PartnerRole.GlobalAdmin));
        var pages = await Task.WhenAll(agent.GetAsync(link), admin.GetAsync(link));
        var results = await Task.WhenAll(agent.SubmitAsync(pages[0], "main form"), admin.SubmitAsync(pages[1], "main form"));

        Assert.All(results, r => Assert.True((int)r.Status < 500, $"{r.Status} at {r.Url}"));
        Assert.Contains(results, r => r.Url.AbsolutePath == "/IndirectProviders");
        await using var db = portal.Db();
        var wideworld = await db.Partners.SingleAsync(p => p.MpnId == "3000003");
        Assert.Equal(1, await db.ResellerPartnerships.CountAsync(p => p.ResellerId == wideworld.Id && p.RemovedAt == null));
    }

    [Fact]
    public async Task Two_admins_adding_the_same_address_at_once_make_one_user_and_the_other_is_told()
    {
        using var first = portal.NewClient();
        using var second = portal.NewClient();
        await first.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        await second.SignInAsync(Partner("fabrikam", PartnerRole.UserManagementAdmin));
        var forms = await Task.WhenAll(first.GetAsync("/Users/Create"), second.GetAsync("/Users/Create"));
        var values = new Dictionary<string, object?>
        {
            ["Input.DisplayName"] = "Twice Added",
            ["Input.Email"] = "twice.added@fabrikam.example",
            ["Input.Roles"] = new[] { PartnerRole.SalesAgent },
        };
        var results = await Task.WhenAll(first.SubmitAsync(forms[0], "main form", values), second.SubmitAsync(forms[1], "main form", values));

        Assert.Single(results, r => r.Find("[data-testid=temporary-password]") is not null);
        var refused = Assert.Single(results, r => r.Find("[data-testid=temporary-password]") is null);
        Assert.True(refused.Errors.Any(e => e.Contains("twice.added@fabrikam.example is already a user of your organization.", StringComparison.Ordinal)), string.Join(" | ", refused.Errors) + refused.Text[..Math.Min(2000, refused.Text.Length)]);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "twice.added@fabrikam.example"));
    }

    [Fact]
    public async Task The_same_API_application_form_posted_twice_at_once_registers_one_application()
    {
        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        var page = await admin.GetAsync("/ApiApplications");
        var name = "Twice " + Guid.NewGuid().ToString("N")[..6];
        var values = new Dictionary<string, object?> { ["Name"] = name, ["Roles"] = new[] { PartnerRole.AdminAgent } };
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => admin.SubmitAsync(page, "#register-application", values)));

        Assert.All(results, r => Assert.True((int)r.Status < 500, $"{r.Status} at {r.Url}"));
        await using var db = portal.Db();
        Assert.Equal(1, await db.ApiApplications.CountAsync(a => a.Name == name));
    }
}
