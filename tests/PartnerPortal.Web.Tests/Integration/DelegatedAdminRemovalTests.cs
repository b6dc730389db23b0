using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Seed 003's last paragraph and seed 000's IMPORTANT note: removing delegated admin, by the customer or the partner.</summary>
public class DelegatedAdminRemovalTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<PortalClient> AdatumWithTwoDelegatedAdminsAsync()
    {
        var fabrikamLink = await LinkForAsync(portal, Partner("fabrikam"));
        var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("adatum"));
        await AcceptAsync(customer, fabrikamLink);
        Assert.Equal((2, 4), await CountsAsync(portal, "adatum"));
        return customer;
    }

    [Fact]
    public async Task Customer_sees_every_partner_and_removes_delegated_admin_from_one_then_from_all()
    {
        using var customer = await AdatumWithTwoDelegatedAdminsAsync();
        var page = await customer.GetAsync("/AdminCenter/PartnerRelationships");
        var rows = page.FindAll("[data-testid=partners] tbody tr");
        Assert.Equal(["Contoso Cloud Partners", "Fabrikam Distribution"], rows.Select(r => r.GetAttribute("data-partner")));
        Assert.Contains("Contoso Cloud Partners, Fabrikam Distribution", page.Find("[data-testid=services]")!.TextContent, StringComparison.Ordinal);

        var confirm = await customer.GetAsync(rows[0].QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("Contoso Cloud Partners", confirm.Find("[data-testid=confirm-removal]")!.TextContent, StringComparison.Ordinal);
        var removed = await customer.SubmitAsync(confirm, "[data-testid=confirm-removal] form");
        Assert.Equal("Delegated admin privileges removed from Contoso Cloud Partners.", removed.Find(".status")!.TextContent);
        Assert.Equal((2, 2), await CountsAsync(portal, "adatum"));
        Assert.Equal("None", removed.Find("[data-partner='Contoso Cloud Partners'] [data-testid=delegated-admin]")!.TextContent);

        var confirmAll = await customer.GetAsync("/AdminCenter/PartnerRelationships?confirm=all");
        await customer.SubmitAsync(confirmAll, "[data-testid=confirm-removal] form");
        Assert.Equal((2, 0), await CountsAsync(portal, "adatum"));

        await using var db = portal.Db();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "DelegatedAdminRemoved" && a.Subject == "Adatum Corporation"));

        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso"));
        var customers = await partner.GetAsync("/Customers?q=adatum");
        var adatum = Assert.Single(customers.FindAll("details.customer"));
        Assert.Equal("No", adatum.QuerySelector("[data-testid=dap-AzureActiveDirectory]")!.TextContent);
    }

    [Fact]
    public async Task Partner_removes_its_relationship_after_confirmation_and_history_is_kept()
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var list = await partner.GetAsync("/Customers?q=litware");
        var remove = list.Find("details.customer a[href^='/Customers/Remove/']")!.GetAttribute("href")!;
        var confirm = await partner.GetAsync(remove);
        Assert.Contains("Litware Inc.", confirm.Find("main p")!.TextContent, StringComparison.Ordinal);

        var done = await partner.SubmitAsync(confirm, "main form");
        Assert.Equal("/Customers", done.Url.AbsolutePath);
        Assert.Equal("Your relationship with Litware Inc. was removed.", done.Find(".status")!.TextContent);
        Assert.Empty((await partner.GetAsync("/Customers?q=litware")).FindAll("details.customer"));

        await using var db = portal.Db();
        var litware = await db.Customers.Include(c => c.Relationships).SingleAsync(c => c.Domain == "litware.onmicrosoft.com");
        var history = Assert.Single(litware.Relationships);
        Assert.NotNull(history.RemovedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "RelationshipRemoved" && a.CustomerId == litware.Id));

        var again = await partner.GetAsync(remove);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task A_sales_agent_cannot_remove_a_relationship()
    {
        await using var db = portal.Db();
        var redmond = await db.Customers.SingleAsync(c => c.Domain == "redmondcity.onmicrosoft.us");
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contosogov", PartnerRole.SalesAgent));
        var page = await partner.GetAsync($"/Customers/Remove/{redmond.Id}");
        Assert.Equal("/Account/AccessDenied", page.Url.AbsolutePath);
        Assert.Equal((1, 2), await CountsAsync(portal, "redmondcity"));
    }
}
