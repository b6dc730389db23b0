using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Seed 004 "Add new subscriptions to customer accounts" and the subscription details page.</summary>
public class SubscriptionTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<Guid> RelecloudSubscriptionIdAsync()
    {
        await using var db = portal.Db();
        var relecloud = await db.Customers.SingleAsync(c => c.Domain.StartsWith("relecloud."));
        return (await db.Subscriptions.OrderBy(s => s.CreatedAt).FirstAsync(s => s.CustomerId == relecloud.Id)).Id;
    }

    [Fact]
    public async Task A_sales_agent_adds_a_subscription_associated_with_a_reseller()
    {
        await using var db = portal.Db();
        var relecloud = await db.Customers.SingleAsync(c => c.Domain.StartsWith("relecloud."));
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var tailspin = await db.Partners.SingleAsync(p => p.MpnId == "3000002");

        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("fabrikam", PartnerRole.SalesAgent));
        var list = await agent.GetAsync($"/Customers?reseller={northwind.Id}");
        var (_, record) = await OpenCustomerAsync(agent, list, "Relecloud");
        var add = record.QuerySelector("a[href^='/Customers/AddSubscription/']")!.GetAttribute("href")!;
        var form = await agent.GetAsync(add);
        var e1 = form.Find("[data-offer='Office 365 E1'] input")!.GetAttribute("name")!;

        var noAgreement = await agent.SubmitAsync(form, "main form", new Dictionary<string, object?> { [e1] = "10", ["ResellerId"] = tailspin.Id.ToString() });
        Assert.Contains(noAgreement.Errors, e => e.Contains("has not accepted the Microsoft Partner Agreement", StringComparison.Ordinal));

        var added = await agent.SubmitAsync(form, "main form", new Dictionary<string, object?> { [e1] = "10", ["ResellerId"] = northwind.Id.ToString() });
        Assert.Equal($"/Customers/Subscriptions/{relecloud.Id}", added.Url.AbsolutePath);
        var row = added.Find("[data-subscription='Office 365 E1']")!;
        Assert.Equal("Northwind Traders Resellers (3000001)", row.QuerySelector("[data-testid=reseller]")!.TextContent);
        Assert.Equal(2, await db.Subscriptions.CountAsync(s => s.CustomerId == relecloud.Id));
    }

    [Theory]
    [InlineData("9999999", "No partner with MPN ID 9999999 is enrolled.")]
    [InlineData("1000001", "Contoso Cloud Partners (MPN ID 1000001) is not an indirect reseller.")]
    [InlineData("3000003", "Wide World Importers Resellers (MPN ID 3000003) has no active partnership with you.")]
    [InlineData("3000002", "Tailspin Toys Solutions (MPN ID 3000002) has not accepted the Microsoft Partner Agreement")]
    public async Task Reseller_MPN_ID_says_which_condition_failed_and_changes_nothing(string mpn, string message)
    {
        var id = await RelecloudSubscriptionIdAsync();
        await using var db = portal.Db();
        var before = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("fabrikam", PartnerRole.SalesAgent));
        var details = await agent.GetAsync($"/Subscriptions/Details/{id}");
        var refused = await agent.SubmitAsync(details, "main form", new Dictionary<string, object?> { ["Input.ResellerMpnId"] = mpn, ["Input.Quantity"] = "99" });
        Assert.Contains(refused.Errors, e => e.StartsWith(message, StringComparison.Ordinal));

        var after = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
        Assert.Equal((before.ResellerId, before.Quantity, before.Version), (after.ResellerId, after.Quantity, after.Version));
    }

    [Fact]
    public async Task Designated_support_contact_and_reseller_are_saved_and_audited()
    {
        var id = await RelecloudSubscriptionIdAsync();
        await using var db = portal.Db();
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("fabrikam", PartnerRole.AdminAgent));
        var details = await admin.GetAsync($"/Subscriptions/Details/{id}");
        Assert.Equal(["", northwind.Id.ToString(), (await db.Partners.SingleAsync(p => p.MpnId == "3000002")).Id.ToString()],
            details.FindAll("#support-contact option").Select(o => o.GetAttribute("value")));
        var saved = await admin.SubmitAsync(details, "main form", new Dictionary<string, object?> { ["Input.SupportContactId"] = northwind.Id.ToString() });
        Assert.Equal("Northwind Traders Resellers", saved.Find("[data-subscription] [data-testid=support-contact]")!.TextContent);

        var cleared = await admin.SubmitAsync(await admin.GetAsync($"/Subscriptions/Details/{id}"), "main form", new Dictionary<string, object?> { ["Input.ResellerMpnId"] = "" });
        Assert.Equal(string.Empty, cleared.Find("[data-subscription] [data-testid=reseller]")!.TextContent);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SubscriptionUpdated" && a.Subject == "Relecloud"));

        var forged = await admin.SubmitAsync(await admin.GetAsync($"/Subscriptions/Details/{id}"), "main form", new Dictionary<string, object?> { ["Input.SupportContactId"] = Guid.NewGuid().ToString() });
        Assert.Contains("Choose yourself or one of your partnered resellers as the support contact.", forged.Errors);
    }

    [Fact]
    public async Task The_second_of_two_simultaneous_edits_gets_a_conflict_not_a_silent_overwrite()
    {
        await using var db = portal.Db();
        var adatum = await db.Customers.SingleAsync(c => c.Domain.StartsWith("adatum."));
        var id = (await db.Subscriptions.FirstAsync(s => s.CustomerId == adatum.Id)).Id;

        using var first = portal.NewClient();
        await first.SignInAsync(Partner("contoso", PartnerRole.AdminAgent));
        using var second = portal.NewClient();
        await second.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        var firstForm = await first.GetAsync($"/Subscriptions/Details/{id}");
        var secondForm = await second.GetAsync($"/Subscriptions/Details/{id}");

        await first.SubmitAsync(firstForm, "main form", new Dictionary<string, object?> { ["Input.Quantity"] = "30" });
        var conflict = await second.SubmitAsync(secondForm, "main form", new Dictionary<string, object?> { ["Input.Quantity"] = "50" });
        Assert.Contains(conflict.Errors, e => e.StartsWith("Someone else changed this subscription while you were editing it.", StringComparison.Ordinal));
        Assert.Equal("30", conflict.Find("#quantity")!.GetAttribute("value"));
        Assert.Equal(30, (await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id)).Quantity);

        var retried = await second.SubmitAsync(conflict, "main form", new Dictionary<string, object?> { ["Input.Quantity"] = "50" });
        Assert.StartsWith("/Customers/Subscriptions/", retried.Url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(50, (await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id)).Quantity);
    }

    [Fact]
    public async Task Other_organizations_cannot_open_or_change_subscriptions_or_order_for_customers()
    {
        var id = await RelecloudSubscriptionIdAsync();
        await using var db = portal.Db();
        var relecloud = await db.Customers.SingleAsync(c => c.Domain.StartsWith("relecloud."));

        using var otherReseller = portal.NewClient();
        var home = await otherReseller.SignInAsync(Partner("tailspin", PartnerRole.AdminAgent));
        Assert.Equal(HttpStatusCode.NotFound, (await otherReseller.GetAsync($"/Subscriptions/Details/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherReseller.PostRawAsync(home, $"/Subscriptions/Details/{id}", new Dictionary<string, string> { ["Input.Quantity"] = "1" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherReseller.GetAsync($"/Customers/Subscriptions/{relecloud.Id}")).Status);

        using var otherProvider = portal.NewClient();
        var contosoHome = await otherProvider.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.GetAsync($"/Customers/AddSubscription/{relecloud.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherProvider.PostRawAsync(contosoHome, $"/Customers/AddSubscription/{relecloud.Id}", new Dictionary<string, string>())).Status);

        // The associated reseller sees the customer but orders through its provider: the order page is refused, not hidden.
        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("northwind", PartnerRole.AdminAgent));
        Assert.Equal("/Account/AccessDenied", (await reseller.GetAsync($"/Customers/AddSubscription/{relecloud.Id}")).Url.AbsolutePath);
        Assert.NotEqual(1, (await db.Subscriptions.SingleAsync(s => s.Id == id)).Quantity);
    }

    [Fact]
    public async Task A_billing_admin_cannot_manage_subscriptions()
    {
        var id = await RelecloudSubscriptionIdAsync();
        using var billing = portal.NewClient();
        await billing.SignInAsync(Partner("fabrikam", PartnerRole.BillingAdmin));
        Assert.Equal("/Account/AccessDenied", (await billing.GetAsync($"/Subscriptions/Details/{id}")).Url.AbsolutePath);
    }
}
