using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Seed 003's last paragraph and seed 000's IMPORTANT note: removing delegated admin, by the customer or the partner.</summary>
public class DelegatedAdminRemovalTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task In_the_public_cloud_one_partner_holds_delegated_admin_per_service_and_the_customer_chooses_which()
    {
        // Seed 002 (Partner Center, US Government, Germany): "only one partner can have administrator permissions to manage a
        // service on the customer's behalf". Contoso holds Adatum's; Fabrikam asks for them too.
        var fabrikamLink = await LinkForAsync(portal, Partner("fabrikam"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("adatum"));
        var invitation = await customer.GetAsync(fabrikamLink);
        var conflicts = invitation.Find("[data-testid=delegated-admin-conflicts]")!.TextContent;
        Assert.Contains("Contoso Cloud Partners already holds delegated admin privileges for Azure Active Directory.", conflicts, StringComparison.Ordinal);

        // The customer removes Contoso's delegated admin on Partner relationships (the relationship stays)...
        var page = await customer.GetAsync(invitation.Find("[data-testid=manage-delegated-admin]")!.GetAttribute("href")!);
        var contosoRow = page.Find("[data-testid=partners] tbody tr[data-partner='Contoso Cloud Partners']")!;
        var confirm = await customer.GetAsync(contosoRow.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("Contoso Cloud Partners", confirm.Find("[data-testid=confirm-removal]")!.TextContent, StringComparison.Ordinal);
        var removed = await customer.SubmitAsync(confirm, "[data-testid=confirm-removal] form");
        Assert.Equal("Delegated admin privileges removed from Contoso Cloud Partners.", removed.Find(".status")!.TextContent);
        Assert.Equal((1, 0), await CountsAsync(portal, "adatum"));

        // ...then opens the link again: nothing is in the way, and Fabrikam gets delegated admin.
        var accepted = await AcceptAsync(customer, fabrikamLink);
        Assert.Equal("/AdminCenter/PartnerRelationships", accepted.Url.AbsolutePath);
        Assert.Equal((2, 2), await CountsAsync(portal, "adatum"));
        var rows = accepted.FindAll("[data-testid=partners] tbody tr");
        Assert.Equal(["Contoso Cloud Partners", "Fabrikam Distribution"], rows.Select(r => r.GetAttribute("data-partner")));
        Assert.Equal("None", accepted.Find("[data-partner='Contoso Cloud Partners'] [data-testid=delegated-admin]")!.TextContent);

        var confirmAll = await customer.GetAsync("/AdminCenter/PartnerRelationships?confirm=all");
        await customer.SubmitAsync(confirmAll, "[data-testid=confirm-removal] form");
        Assert.Equal((2, 0), await CountsAsync(portal, "adatum"));

        await using var db = portal.Db();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "DelegatedAdminRemoved" && a.Subject == "Adatum Corporation"));

        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso"));
        var customers = await partner.GetAsync("/Customers?q=adatum");
        Assert.Single(customers.FindAll("details.customer"));
        var (_, adatum) = await OpenCustomerAsync(partner, customers, "Adatum Corporation");
        Assert.Equal("No", adatum.QuerySelector("[data-testid=dap-AzureActiveDirectory]")!.TextContent);
    }

    [Fact]
    public async Task Accepting_without_delegated_admin_keeps_the_current_holder()
    {
        var fabrikamLink = await LinkForAsync(portal, Partner("fabrikam"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        await AcceptAsync(customer, await LinkForAsync(portal, Partner("contoso")));
        Assert.Equal((1, 2), await CountsAsync(portal, "woodgrove"));

        // Unticking "accept without delegated admin for ..." asks for what another partner holds: refused, nothing changes.
        var forced = await customer.SubmitAsync(await customer.GetAsync(fabrikamLink), "main form", new Dictionary<string, object?> { ["WithoutDelegatedAdminFor"] = null }, handler: "Accept");
        Assert.Contains(forced.Errors, e => e.StartsWith("Another partner already holds delegated admin privileges for Azure Active Directory.", StringComparison.Ordinal));
        Assert.Equal((1, 2), await CountsAsync(portal, "woodgrove"));

        // The boxes are ticked by default: the relationship is accepted, delegated admin stays with Contoso.
        var accepted = await AcceptAsync(customer, fabrikamLink);
        Assert.Equal("/AdminCenter/PartnerRelationships", accepted.Url.AbsolutePath);
        Assert.Equal((2, 2), await CountsAsync(portal, "woodgrove"));
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        Assert.All(await db.DelegatedAdminGrants.Where(g => g.RevokedAt == null && db.Customers.Any(c => c.Id == g.CustomerId && c.Domain.StartsWith("woodgrove."))).ToListAsync(), g => Assert.Equal(contoso.Id, g.PartnerId));
    }

    [Fact]
    public async Task Partner_removes_its_relationship_after_confirmation_and_history_is_kept()
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var (_, litwareRecord) = await OpenCustomerAsync(partner, await partner.GetAsync("/Customers?q=litware"), "Litware Inc.");
        var remove = litwareRecord.QuerySelector("a[href^='/Customers/Remove/']")!.GetAttribute("href")!;
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
