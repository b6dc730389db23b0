using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Seed 004 "Connect with indirect resellers" and "Remove partnership with indirect resellers".</summary>
public class PartnershipTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<string> PartnershipLinkAsync(string role = PartnerRole.SalesAgent)
    {
        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam", role));
        var list = await provider.GetAsync("/IndirectResellers");
        var draft = await provider.SubmitAsync(list, "main form");
        Assert.Equal("/IndirectResellers", draft.Find("#done")!.GetAttribute("href"));
        Assert.Contains("invites you to partner as an indirect reseller", draft.Find("#subject")!.GetAttribute("value"), StringComparison.Ordinal);
        return LinkPath(draft);
    }

    [Fact]
    public async Task The_indirect_resellers_page_lists_name_MPN_ID_country_date_and_customer_count()
    {
        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam", PartnerRole.UserManagementAdmin));
        var page = await provider.GetAsync("/IndirectResellers");
        var tailspin = page.Find("[data-reseller='Tailspin Toys Solutions']")!;
        Assert.Contains("3000002", tailspin.TextContent, StringComparison.Ordinal);
        Assert.Contains("Canada", tailspin.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not accepted", tailspin.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", tailspin.QuerySelector("[data-testid=customer-count]")!.TextContent);
        Assert.NotNull(tailspin.QuerySelector("a[href^='/IndirectResellers/AddCustomer?reseller=']"));
    }

    [Fact]
    public async Task A_reseller_accepts_the_partnership_and_both_sides_see_it()
    {
        var link = await PartnershipLinkAsync();
        Assert.Matches("^/Partnerships/Accept/[A-Za-z0-9_-]{22}$", link);

        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("wideworld", PartnerRole.AdminAgent));
        var page = await reseller.GetAsync(link);
        Assert.Equal("Fabrikam Distribution", page.Find("[data-testid=provider-name]")!.TextContent);
        var accepted = await reseller.SubmitAsync(page, "main form");
        Assert.Equal("/IndirectProviders", accepted.Url.AbsolutePath);
        Assert.NotNull(accepted.Find("[data-provider='Fabrikam Distribution']"));

        var again = await reseller.GetAsync(link);
        Assert.NotNull(again.Find("[data-testid=already-partnered]"));
        await reseller.PostRawAsync(again, link, new Dictionary<string, string>());
        await using var db = portal.Db();
        var wideworld = await db.Partners.SingleAsync(p => p.MpnId == "3000003");
        Assert.Equal(1, await db.ResellerPartnerships.CountAsync(p => p.ResellerId == wideworld.Id && p.RemovedAt == null));

        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam"));
        Assert.NotNull((await provider.GetAsync("/IndirectResellers")).Find("[data-reseller='Wide World Importers Resellers']"));
    }

    [Fact]
    public async Task Only_an_indirect_reseller_in_the_same_cloud_can_accept()
    {
        var link = await PartnershipLinkAsync();
        using var direct = portal.NewClient();
        await direct.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var refused = await direct.GetAsync(link);
        Assert.Contains("is not enrolled as an indirect reseller", refused.Find("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        await direct.PostRawAsync(refused, link, new Dictionary<string, string>());

        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        Assert.False(await db.ResellerPartnerships.AnyAsync(p => p.ResellerId == contoso.Id));

        // A reseller enrolled in another cloud.
        var china = new Partner("Lucerne Resellers China", PartnerKind.IndirectReseller, "CN", Cloud.China21Vianet, "3900001", true);
        db.Partners.Add(china);
        await db.SaveChangesAsync();
        var user = await CreateUserAsync(china.Id, "agent@lucerne.example");
        using var other = portal.NewClient();
        await other.SignInAsync(user, "Lucerne-Resellers-1");
        var otherCloud = await other.GetAsync(link);
        Assert.Contains("a partnership is possible only within one cloud", otherCloud.Find("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        await other.PostRawAsync(otherCloud, link, new Dictionary<string, string>());
        Assert.False(await db.ResellerPartnerships.AnyAsync(p => p.ResellerId == china.Id));
    }

    [Fact]
    public async Task A_tampered_partnership_link_is_refused()
    {
        var link = await PartnershipLinkAsync();
        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("wideworld"));
        var page = await reseller.GetAsync(link[..^2] + "zz");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.NotNull(page.Find("[data-testid=invalid-link]"));
    }

    [Fact]
    public async Task Removing_a_partnership_keeps_customers_and_delegated_admin_and_is_audited()
    {
        await using var db = portal.Db();
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var fabrikam = await db.Partners.SingleAsync(p => p.MpnId == "2000001");
        var before = await CountsAsync(portal, "relecloud");

        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam", PartnerRole.AdminAgent));
        var list = await provider.GetAsync("/IndirectResellers");
        Assert.Equal("1", list.Find("[data-reseller='Northwind Traders Resellers'] [data-testid=customer-count]")!.TextContent);
        var confirm = await provider.GetAsync($"/IndirectResellers/Remove/{northwind.Id}");
        var important = confirm.Find("[data-testid=important]")!.TextContent;
        Assert.Contains("Customers associated to the indirect reseller will not be removed.", important, StringComparison.Ordinal);
        Assert.Contains("This tool does not generate notice to the customer or partner.", important, StringComparison.Ordinal);

        var done = await provider.SubmitAsync(confirm, "main form");
        Assert.Equal("/IndirectResellers", done.Url.AbsolutePath);
        Assert.Null(done.Find("[data-reseller='Northwind Traders Resellers']"));

        Assert.Equal(before, await CountsAsync(portal, "relecloud"));
        var relecloud = await db.Customers.Include(c => c.Relationships).SingleAsync(c => c.Domain.StartsWith("relecloud."));
        Assert.Equal(northwind.Id, relecloud.ActiveRelationshipWith(fabrikam.Id)!.IndirectResellerId);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "PartnershipRemoved" && a.PartnerId == fabrikam.Id));
        Assert.NotNull((await provider.GetAsync("/Customers?q=relecloud")).Find("details.customer"));
    }

    [Fact]
    public async Task A_sales_agent_cannot_remove_a_partnership()
    {
        await using var db = portal.Db();
        var tailspin = await db.Partners.SingleAsync(p => p.MpnId == "3000002");
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("fabrikam", PartnerRole.SalesAgent));
        Assert.Null((await agent.GetAsync("/IndirectResellers")).Find("a[href^='/IndirectResellers/Remove/']"));
        Assert.Equal("/Account/AccessDenied", (await agent.GetAsync($"/IndirectResellers/Remove/{tailspin.Id}")).Url.AbsolutePath);
        Assert.True(await db.ResellerPartnerships.AnyAsync(p => p.ResellerId == tailspin.Id && p.RemovedAt == null));
    }

    [Fact]
    public async Task Another_provider_cannot_remove_someone_elses_partnership()
    {
        await using var db = portal.Db();
        var tailspin = await db.Partners.SingleAsync(p => p.MpnId == "3000002");
        using var other = portal.NewClient();
        var home = await other.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/IndirectResellers/Remove/{tailspin.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostRawAsync(home, $"/IndirectResellers/Remove/{tailspin.Id}", new Dictionary<string, string>())).Status);
        Assert.True(await db.ResellerPartnerships.AnyAsync(p => p.ResellerId == tailspin.Id && p.RemovedAt == null));
    }

    private async Task<string> CreateUserAsync(Guid partnerId, string email)
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(portal.Factory.Services);
        var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Identity.ApplicationUser>>(scope.ServiceProvider);
        var user = new Identity.ApplicationUser { UserName = email, Email = email, DisplayName = "Agent", PartnerId = partnerId };
        Assert.True((await users.CreateAsync(user, "Lucerne-Resellers-1")).Succeeded);
        await users.AddToRoleAsync(user, PartnerRole.AdminAgent);
        return email;
    }
}
