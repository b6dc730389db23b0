using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Seed 004 "Add new customers and associate them with indirect resellers".</summary>
public class ResellerCustomerTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static Dictionary<string, object?> Details(string prefix, string country = "US") => new()
    {
        ["Input.CompanyName"] = "Alpine Ski House " + prefix,
        ["Input.DomainPrefix"] = prefix,
        ["Input.Country"] = country,
        ["Input.AddressLine1"] = "12 Snow Road",
        ["Input.City"] = "Denver",
        ["Input.State"] = "CO",
        ["Input.PostalCode"] = "80201",
        ["Input.ContactName"] = "Kim Abercrombie",
        ["Input.ContactEmail"] = "kim@alpineskihouse.example",
        ["Input.Phone"] = "+1 303 555 0100",
    };

    private async Task<(PortalClient Client, Page Subscriptions)> ToSubscriptionsStepAsync(string prefix, string role = PartnerRole.SalesAgent)
    {
        await using var db = portal.Db();
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var client = portal.NewClient();
        await client.SignInAsync(Partner("fabrikam", role));
        var details = await client.GetAsync($"/IndirectResellers/AddCustomer?reseller={northwind.Id}");
        Assert.Equal(northwind.Id.ToString(), details.Find("#reseller option[selected]")!.GetAttribute("value"));
        var subscriptions = await client.SubmitAsync(details, "#new-customer", Details(prefix), handler: "Subscriptions");
        Assert.Equal("New subscription", subscriptions.Find("h1")!.TextContent);
        return (client, subscriptions);
    }

    private static string OfferField(Page page, string offer) =>
        page.Find($"[data-offer='{offer}'] input")!.GetAttribute("name")!;

    [Fact]
    public async Task Provider_adds_a_customer_for_a_reseller_with_a_temporary_password_shown_once()
    {
        var (client, subscriptions) = await ToSubscriptionsStepAsync("alpineski");
        using (client)
        {
            var review = await client.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [OfferField(subscriptions, "Microsoft 365 E3")] = "40" }, handler: "Review");
            Assert.Equal("Review", review.Find("h1")!.TextContent);
            Assert.Contains("alpineski.onmicrosoft.com", review.Find("[data-testid=review]")!.TextContent, StringComparison.Ordinal);

            await using (var db = portal.Db())
            {
                Assert.False(await db.Customers.AnyAsync(c => c.Domain == "alpineski.onmicrosoft.com"));
            }

            var confirmation = await client.SubmitAsync(review, "#new-customer", handler: "Submit");
            Assert.Equal("Confirmation", confirmation.Find("h1")!.TextContent);
            Assert.Equal("admin@alpineski.onmicrosoft.com", confirmation.Find("[data-testid=admin-user-name]")!.TextContent);
            var password = confirmation.Find("[data-testid=temporary-password]")!.TextContent;
            Assert.Contains("you can't access this information again after you close this page", confirmation.Find("[data-testid=setup-info]")!.TextContent, StringComparison.Ordinal);

            var list = await client.GetAsync(confirmation.Find("#done")!.GetAttribute("href")!);
            var row = list.Find("details.customer[data-customer='Alpine Ski House alpineski']")!;
            Assert.Contains("Northwind Traders Resellers", row.TextContent, StringComparison.Ordinal);
            var (_, record) = await OpenCustomerAsync(client, list, "Alpine Ski House alpineski");
            Assert.Contains("Microsoft 365 E3", record.TextContent, StringComparison.Ordinal);

            await using (var db = portal.Db())
            {
                var admin = await db.Users.SingleAsync(u => u.Email == "admin@alpineski.onmicrosoft.com");
                Assert.True(admin.MustChangePassword);
                Assert.DoesNotContain(password, admin.PasswordHash!, StringComparison.Ordinal);
                var customer = await db.Customers.Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Domain == "alpineski.onmicrosoft.com");
                var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
                Assert.All(customer.ActiveGrants, g => Assert.Equal(northwind.Id, g.PartnerId));
                var subscription = await db.Subscriptions.SingleAsync(s => s.CustomerId == customer.Id);
                Assert.Equal((40, northwind.Id), (subscription.Quantity, subscription.ResellerId!.Value));
            }

            // First sign-in: the customer's admin must set a new password.
            using var customerAdmin = portal.NewClient();
            var first = await customerAdmin.SignInAsync("admin@alpineski.onmicrosoft.com", password);
            Assert.Equal("/Account/ChangePassword", first.Url.AbsolutePath);

            // The reseller's own staff see the customer and its subscription, and can manage the licenses.
            using var reseller = portal.NewClient();
            await reseller.SignInAsync(Partner("northwind", PartnerRole.AdminAgent));
            var theirs = await reseller.GetAsync("/Customers?q=alpineski");
            var (_, theirRecord) = await OpenCustomerAsync(reseller, theirs, "Alpine Ski House alpineski");
            var link = theirRecord.QuerySelector("a[href^='/Subscriptions/Details/']")!.GetAttribute("href")!;
            var details = await reseller.GetAsync(link);
            Assert.Null(details.Find("#reseller-mpn"));
            var saved = await reseller.SubmitAsync(details, "main form", new Dictionary<string, object?> { ["Input.Quantity"] = "45" });
            Assert.Equal("Subscription Microsoft 365 E3 saved.", saved.Find(".status")!.TextContent);
        }
    }

    [Fact]
    public async Task Cancel_after_review_stores_nothing()
    {
        var (client, subscriptions) = await ToSubscriptionsStepAsync("cancelled");
        using (client)
        {
            var review = await client.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [OfferField(subscriptions, "Office 365 E1")] = "5" }, handler: "Review");
            var cancel = review.Find("#cancel")!.GetAttribute("href")!;
            var page = await client.GetAsync(cancel);
            Assert.Equal("/IndirectResellers", page.Url.AbsolutePath);
        }

        await using var db = portal.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Domain.StartsWith("cancelled.")));
        Assert.False(await db.Users.AnyAsync(u => u.Email == "admin@cancelled.onmicrosoft.com"));
    }

    [Fact]
    public async Task Customer_details_are_validated()
    {
        await using var db = portal.Db();
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("fabrikam"));
        var form = await client.GetAsync($"/IndirectResellers/AddCustomer?reseller={northwind.Id}");

        var taken = await client.SubmitAsync(form, "#new-customer", Details("adatum"), handler: "Subscriptions");
        Assert.Contains("The domain adatum.onmicrosoft.com is already taken. Choose another name.", taken.Errors);

        var otherRegion = await client.SubmitAsync(form, "#new-customer", Details("munichco", "DE"), handler: "Subscriptions");
        Assert.Contains(otherRegion.Errors, e => e.Contains("only with customers in its own country or region", StringComparison.Ordinal));

        var bad = Details("bad prefix!");
        bad["Input.ContactEmail"] = "not-an-email";
        bad["Input.CompanyName"] = "";
        var invalid = await client.SubmitAsync(form, "#new-customer", bad, handler: "Subscriptions");
        Assert.Contains("Enter a valid email address.", invalid.Errors);
        Assert.Contains("Enter the company name.", invalid.Errors);

        var tailspinOnly = Details("strangers");
        tailspinOnly["Input.ResellerId"] = Guid.NewGuid().ToString();
        Assert.Contains("Choose one of your partnered indirect resellers.", (await client.SubmitAsync(form, "#new-customer", tailspinOnly, handler: "Subscriptions")).Errors);
        Assert.Equal("New customer", invalid.Find("h1")!.TextContent);
    }

    [Fact]
    public async Task Subscriptions_must_be_chosen_within_their_limits()
    {
        var (client, subscriptions) = await ToSubscriptionsStepAsync("limits");
        using (client)
        {
            var none = await client.SubmitAsync(subscriptions, "#new-customer", handler: "Review");
            Assert.Contains("Select at least one subscription and enter the number of licenses.", none.Errors);
            var tooMany = await client.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [OfferField(subscriptions, "Microsoft 365 Business Basic")] = "301" }, handler: "Review");
            Assert.Contains("Enter from 1 to 300 licenses for Microsoft 365 Business Basic.", tooMany.Errors);
            var usage = await client.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [OfferField(subscriptions, "Azure plan")] = "3" }, handler: "Review");
            Assert.Contains("Azure plan is billed by usage; its quantity is always 1.", usage.Errors);
        }
    }

    [Fact]
    public async Task Only_indirect_providers_add_customers_for_resellers()
    {
        // A direct-bill partner is refused as the Indirect resellers page refuses it: no empty form to fill in.
        using var client = portal.NewClient();
        var home = await client.SignInAsync(Partner("contoso"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/IndirectResellers/AddCustomer")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostRawAsync(home, "/IndirectResellers/AddCustomer?handler=Submit", Details("directco").ToDictionary(kv => kv.Key, kv => (string)kv.Value!))).Status);
        await using var db = portal.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Domain.StartsWith("directco.")));
    }

    [Fact]
    public async Task An_indirect_reseller_invites_a_customer_on_behalf_of_its_provider()
    {
        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("northwind", PartnerRole.AdminAgent));
        var form = await reseller.GetAsync("/Customers/RequestRelationship");
        Assert.Equal("Fabrikam Distribution", form.Find("#provider option")!.TextContent);
        var link = LinkPath(await reseller.SubmitAsync(form, "main form"));

        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        var invitation = await customer.GetAsync(link);
        Assert.Equal("Fabrikam Distribution", invitation.Find("[data-testid=provider-name]")!.TextContent);
        Assert.Equal("Northwind Traders Resellers", invitation.Find("[data-testid=partner-name]")!.TextContent);
        await AcceptAsync(customer, link);

        await using var db = portal.Db();
        var woodgrove = await db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Domain.StartsWith("woodgrove."));
        var fabrikam = await db.Partners.SingleAsync(p => p.MpnId == "2000001");
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        Assert.Equal(northwind.Id, woodgrove.ActiveRelationshipWith(fabrikam.Id)!.IndirectResellerId);
        Assert.All(woodgrove.ActiveGrants, g => Assert.Equal(northwind.Id, g.PartnerId));

        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam"));
        Assert.NotNull((await provider.GetAsync($"/Customers?reseller={northwind.Id}")).Find("details.customer[data-customer='Woodgrove Bank']"));
    }
}
