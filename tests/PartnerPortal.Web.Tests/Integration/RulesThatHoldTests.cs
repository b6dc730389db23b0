using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>The recurring arrangements of the rules tests (issue 7: rules that hold whatever the order, timing or number of requests).</summary>
internal static class RuleArrangements
{
    public static async Task<Guid> SubscriptionOfAsync(PortalFixture portal, string domainPrefix)
    {
        await using var db = portal.Db();
        return await db.Subscriptions.Where(s => db.Customers.Any(c => c.Id == s.CustomerId && c.Domain.StartsWith(domainPrefix + ".")))
            .OrderBy(s => s.CreatedAt).Select(s => s.Id).FirstAsync();
    }

    public static async Task RemoveRelationshipAsync(PortalFixture portal, string partnerSlug, string customerQuery)
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner(partnerSlug, PartnerRole.GlobalAdmin));
        var list = await partner.GetAsync($"/Customers?q={customerQuery}");
        var (_, record) = await OpenCustomerAsync(partner, list, list.Find("details.customer")!.GetAttribute("data-customer")!);
        var confirm = await partner.GetAsync(record.QuerySelector("a[href^='/Customers/Remove/']")!.GetAttribute("href")!);
        Assert.Equal("/Customers", (await partner.SubmitAsync(confirm, "main form")).Url.AbsolutePath);
    }
}

/// <summary>Removing a relationship ends access and acts on the whole customer aggregate.</summary>
public class RelationshipRemovalRulesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_partner_that_removed_a_relationship_can_no_longer_open_or_change_its_subscriptions()
    {
        var id = await RuleArrangements.SubscriptionOfAsync(portal, "litware");
        await RuleArrangements.RemoveRelationshipAsync(portal, "contoso", "litware");

        foreach (var role in new[] { PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent, PartnerRole.UserManagementAdmin })
        {
            using var client = portal.NewClient();
            var home = await client.SignInAsync(Partner("contoso", role));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Subscriptions/Details/{id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostRawAsync(home, $"/Subscriptions/Details/{id}", new Dictionary<string, string> { ["Input.Quantity"] = "5" })).Status);
        }

        await using var db = portal.Db();
        Assert.Equal(25, (await db.Subscriptions.SingleAsync(s => s.Id == id)).Quantity);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "SubscriptionUpdated" && a.Subject == "Litware Inc."));
    }

    [Fact]
    public async Task Removing_a_relationship_also_ends_the_associated_resellers_delegated_admin()
    {
        Assert.Equal((1, 2), await CountsAsync(portal, "relecloud"));
        await RuleArrangements.RemoveRelationshipAsync(portal, "fabrikam", "relecloud");
        Assert.Equal((0, 0), await CountsAsync(portal, "relecloud"));

        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("northwind"));
        Assert.Empty((await reseller.GetAsync("/Customers?q=relecloud")).FindAll("details.customer"));
    }
}

/// <summary>One delegated-admin partner per service, held by the database under parallel acceptances.</summary>
public class ConcurrentAcceptanceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Two_partners_links_accepted_at_the_same_moment_leave_one_delegated_admin_partner_per_service()
    {
        var contosoLink = await LinkForAsync(portal, Partner("contoso"));
        var fabrikamLink = await LinkForAsync(portal, Partner("fabrikam"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        var forms = new List<(Page Page, string Link)>();
        foreach (var link in Enumerable.Repeat(contosoLink, 5).Concat(Enumerable.Repeat(fabrikamLink, 5)))
        {
            forms.Add((await customer.GetAsync(link), link));
        }

        // Ten accepts at once (five per partner), every box unticked: each asks for delegated admin for every service.
        var results = await Task.WhenAll(forms.Select(f => customer.SubmitAsync(
            f.Page, "main form", new Dictionary<string, object?> { ["AcceptAgreement"] = "true", ["WithoutDelegatedAdminFor"] = null }, handler: "Accept")));

        await using var db = portal.Db();
        var woodgrove = await db.Customers.Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Domain.StartsWith("woodgrove."));
        var active = woodgrove.ActiveGrants.ToList();
        Assert.Equal(2, active.Count);
        Assert.Single(active.Select(g => g.PartnerId).Distinct());
        var refusals = results.SelectMany(r => r.Errors).Where(e => e.StartsWith("Another partner already holds delegated admin", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(refusals);
    }
}

/// <summary>Forms that create something create it once, however often or however fast they are posted.</summary>
public class IdempotentFormTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_same_add_subscription_form_posted_ten_times_at_once_adds_once()
    {
        await using var db = portal.Db();
        var adatum = await db.Customers.SingleAsync(c => c.Domain.StartsWith("adatum."));
        var before = await db.Subscriptions.CountAsync(s => s.CustomerId == adatum.Id);
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        var form = await agent.GetAsync($"/Customers/AddSubscription/{adatum.Id}");
        var e1 = form.Find("[data-offer='Office 365 E1'] input")!.GetAttribute("name")!;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => agent.SubmitAsync(form, "main form", new Dictionary<string, object?> { [e1] = "7" })));
        Assert.All(results, r => Assert.Equal($"/Customers/Subscriptions/{adatum.Id}", r.Url.AbsolutePath));
        Assert.Equal(before + 1, await db.Subscriptions.CountAsync(s => s.CustomerId == adatum.Id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "SubscriptionsAdded" && a.CustomerId == adatum.Id));

        // A fresh form is a new order.
        await agent.SubmitAsync(await agent.GetAsync($"/Customers/AddSubscription/{adatum.Id}"), "main form", new Dictionary<string, object?> { [e1] = "7" });
        Assert.Equal(before + 2, await db.Subscriptions.CountAsync(s => s.CustomerId == adatum.Id));
    }

    [Fact]
    public async Task Add_new_customer_submitted_twice_at_once_creates_one_customer_and_both_show_the_same_setup_info()
    {
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("fabrikam", PartnerRole.AdminAgent));
        await using var arrange = portal.Db();
        var northwind = await arrange.Partners.SingleAsync(p => p.MpnId == "3000001");
        var details = await agent.GetAsync($"/IndirectResellers/AddCustomer?reseller={northwind.Id}");
        var subscriptions = await agent.SubmitAsync(details, "#new-customer", new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = "Twice Co",
            ["Input.DomainPrefix"] = "twiceco",
            ["Input.Country"] = "US",
            ["Input.AddressLine1"] = "1 Way",
            ["Input.City"] = "Denver",
            ["Input.PostalCode"] = "80201",
            ["Input.ContactName"] = "Kim",
            ["Input.ContactEmail"] = "kim@twiceco.example",
            ["Input.Phone"] = "+1 303 555 0100",
        }, handler: "Subscriptions");
        var e3 = subscriptions.Find("[data-offer='Microsoft 365 E3'] input")!.GetAttribute("name")!;
        var review = await agent.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [e3] = "5" }, handler: "Review");
        var pages = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => agent.SubmitAsync(review, "#new-customer", handler: "Submit")));

        await using var db = portal.Db();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Domain.StartsWith("twiceco.")));
        var names = pages.Select(p => p.Find("[data-testid=admin-user-name]")!.TextContent).Distinct().ToList();
        var passwords = pages.Select(p => p.Find("[data-testid=temporary-password]")!.TextContent).Distinct().ToList();
        Assert.Equal("admin@twiceco.onmicrosoft.com", Assert.Single(names));
        var password = Assert.Single(passwords);

        using var admin = portal.NewClient();
        var signedIn = await admin.SignInAsync("admin@twiceco.onmicrosoft.com", password);
        Assert.Equal("/Account/ChangePassword", signedIn.Url.AbsolutePath);
    }

    [Fact]
    public async Task Create_your_organization_posted_twice_creates_once_and_signs_in()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var visitor = portal.NewClient();
        var invitation = await visitor.GetAsync(link);
        var form = await visitor.GetAsync(invitation.Find("a[href*='CreateOrganization']")!.GetAttribute("href")!);
        var values = new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = "Twice Org",
            ["Input.DomainPrefix"] = "twiceorg",
            ["Input.Country"] = "US",
            ["Input.AddressLine1"] = "1 Way",
            ["Input.City"] = "Seattle",
            ["Input.PostalCode"] = "98101",
            ["Input.Phone"] = "+1 555 0100",
            ["Input.AdminName"] = "Pat",
            ["Input.Password"] = "Twice-Org-Password-1",
            ["Input.ConfirmPassword"] = "Twice-Org-Password-1",
        };
        var pages = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => visitor.SubmitAsync(form, "main form", values)));
        Assert.All(pages, p => Assert.StartsWith("/AdminCenter/Invitation/", p.Url.AbsolutePath, StringComparison.Ordinal));
        await using var db = portal.Db();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Domain == "twiceorg.onmicrosoft.com"));

        // Another visitor asking for the same domain gets a message, not an error.
        using var other = portal.NewClient();
        var otherForm = await other.GetAsync(form.Url.PathAndQuery);
        var taken = await other.SubmitAsync(otherForm, "main form", values);
        Assert.Contains(taken.Errors, e => e.Contains("twiceorg.onmicrosoft.com is already taken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_your_organization_offers_only_countries_the_billing_partner_serves()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var visitor = portal.NewClient();
        var invitation = await visitor.GetAsync(link);
        var form = await visitor.GetAsync(invitation.Find("a[href*='CreateOrganization']")!.GetAttribute("href")!);
        var countries = form.FindAll("select[name='Input.Country'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("US", countries);
        Assert.DoesNotContain("DE", countries);
        Assert.DoesNotContain("CN", countries);

        var refused = await visitor.SubmitAsync(form, "main form", new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = "Elsewhere GmbH",
            ["Input.DomainPrefix"] = "elsewheregmbh",
            ["Input.Country"] = "DE",
            ["Input.AddressLine1"] = "1 Weg",
            ["Input.City"] = "Berlin",
            ["Input.PostalCode"] = "10115",
            ["Input.Phone"] = "+49 30 1234",
            ["Input.AdminName"] = "Kim",
            ["Input.Password"] = "Elsewhere-Password-1",
            ["Input.ConfirmPassword"] = "Elsewhere-Password-1",
        });
        Assert.Contains("Choose a country from the list.", refused.Errors);
        await using var db = portal.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Domain.StartsWith("elsewheregmbh.")));
    }
}

/// <summary>"Keep at least one Global admin" under parallel role changes.</summary>
public class GlobalAdminConcurrencyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Two_global_admins_demoting_each_other_at_once_leave_one_global_admin()
    {
        await using var db = portal.Db();
        var first = await db.Users.SingleAsync(u => u.Email == Partner("wingtipcn", PartnerRole.GlobalAdmin));
        var second = await db.Users.SingleAsync(u => u.Email == Partner("wingtipcn", PartnerRole.UserManagementAdmin));
        using (var scope = portal.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(second.Id.ToString()))!, PartnerRole.GlobalAdmin);
        }

        using var a = portal.NewClient();
        using var b = portal.NewClient();
        await a.SignInAsync(first.Email!);
        await b.SignInAsync(second.Email!);
        var formA = await a.GetAsync($"/Users/Edit/{second.Id}");
        var formB = await b.GetAsync($"/Users/Edit/{first.Id}");
        var demote = new Dictionary<string, object?> { ["Roles"] = new[] { PartnerRole.AdminAgent } };
        var results = await Task.WhenAll(a.SubmitAsync(formA, "main form", demote), b.SubmitAsync(formB, "main form", demote));

        Assert.True(await IsGlobalAdminAsync(db, first.Id) ^ await IsGlobalAdminAsync(db, second.Id));

        // The loser either met the rule, or, arriving after it had been demoted, found its session ended (new security stamp).
        Assert.Contains(results, r => r.Errors.Contains("Your organization must keep at least one Global admin.") || r.Url.AbsolutePath == "/Account/SignIn");
    }
}

/// <summary>Links issued by a reseller on its provider's behalf.</summary>
public class ResellerLinkRulesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_resellers_link_stops_working_when_the_partnership_ends()
    {
        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("tailspin", PartnerRole.AdminAgent));
        var link = LinkPath(await RequestRelationshipAsync(reseller));

        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        await using var db = portal.Db();
        var tailspin = await db.Partners.SingleAsync(p => p.MpnId == "3000002");
        await provider.SubmitAsync(await provider.GetAsync($"/IndirectResellers/Remove/{tailspin.Id}"), "main form");

        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("lamna"));
        var page = await customer.GetAsync(link);
        Assert.Contains("are no longer partners", page.Find("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        var forged = await customer.PostRawAsync(page, link + "?handler=Accept", new Dictionary<string, string> { ["AcceptAgreement"] = "true" });
        Assert.NotEqual(HttpStatusCode.InternalServerError, forged.Status);
        Assert.Equal((0, 0), await CountsAsync(portal, "lamna"));
    }

    [Fact]
    public async Task A_providers_customer_accepting_its_resellers_link_becomes_visible_to_the_reseller()
    {
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        await AcceptAsync(customer, await LinkForAsync(portal, Partner("fabrikam"), includeDelegatedAdmin: false));

        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("northwind", PartnerRole.AdminAgent));
        Assert.Empty((await reseller.GetAsync("/Customers?q=woodgrove")).FindAll("details.customer"));
        var link = LinkPath(await RequestRelationshipAsync(reseller));
        await AcceptAsync(customer, link);

        Assert.Single((await reseller.GetAsync("/Customers?q=woodgrove")).FindAll("details.customer"));
        Assert.Equal((1, 2), await CountsAsync(portal, "woodgrove"));
    }
}

/// <summary>Declines are recorded against the customer.</summary>
public class DeclineAuditTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_decline_shows_in_the_audit_log_filtered_by_that_customer()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        var page = await customer.GetAsync(link);
        await customer.SubmitAsync(page, "main form", handler: "Decline");

        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var log = await admin.GetAsync("/AuditLog?customer=woodgrove");
        Assert.Contains("Woodgrove Bank", log.Text, StringComparison.Ordinal);
        await using var db = portal.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "InvitationDeclined" && a.CustomerId != null && a.Subject == "Woodgrove Bank"));
    }
}

/// <summary>What the seed walk-through found: agreement names, support contacts, partnership invitations.</summary>
public class SeedWordingTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("contosogov", "redmondcity", "Cloud Reseller Agreement")]
    [InlineData("contoso", "adatum", "Microsoft Partner Agreement")]
    [InlineData("wingtipcn", "treyresearch", "CSP China reseller agreement")]
    public async Task Remove_relationship_names_the_agreement_of_the_customers_cloud(string partner, string customer, string agreement)
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner(partner, PartnerRole.GlobalAdmin));
        var list = await client.GetAsync($"/Customers?q={customer}");
        var (_, record) = await OpenCustomerAsync(client, list, list.Find("details.customer")!.GetAttribute("data-customer")!);
        var confirm = await client.GetAsync(record.QuerySelector("a[href^='/Customers/Remove/']")!.GetAttribute("href")!);
        Assert.Contains($"adhering to the terms of the {agreement}.", confirm.Find(".important")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_former_resellers_support_contact_is_kept_on_save_and_shown_as_such()
    {
        var id = await RuleArrangements.SubscriptionOfAsync(portal, "relecloud");
        await using var db = portal.Db();
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        var details = await provider.GetAsync($"/Subscriptions/Details/{id}");
        await provider.SubmitAsync(details, "main form", new Dictionary<string, object?> { ["Input.SupportContactId"] = northwind.Id.ToString(), ["Input.ResellerMpnId"] = "" });
        await provider.SubmitAsync(await provider.GetAsync($"/IndirectResellers/Remove/{northwind.Id}"), "main form");

        var again = await provider.GetAsync($"/Subscriptions/Details/{id}");
        Assert.NotNull(again.Find("[data-testid=former-support-contact]"));
        await provider.SubmitAsync(again, "main form", new Dictionary<string, object?> { ["Input.Quantity"] = "30" });
        var saved = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.Id == id);
        Assert.Equal(30, saved.Quantity);
        Assert.Equal(northwind.Id, saved.SupportContactId);
    }

    [Fact]
    public async Task A_partnership_invitation_emailed_from_the_portal_and_accepted_shows_as_accepted()
    {
        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam"));
        var resellers = await provider.GetAsync("/IndirectResellers");
        var draft = await provider.SubmitAsync(resellers, "form[action*='RequestPartnership']");
        Assert.Equal("Partnership with an indirect reseller", draft.Find("[data-testid=request-summary]")!.TextContent.Trim());
        var sent = await provider.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "partners@wideworld.example" });
        Assert.Equal("/Invitations", sent.Url.AbsolutePath);

        await using var db = portal.Db();
        var invitation = await db.SentInvitations.OrderByDescending(s => s.SentAt).FirstAsync();
        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("wideworld", PartnerRole.SalesAgent));
        var accept = await reseller.GetAsync(LinkPath(draft) + $"?ref={invitation.Id}");
        await reseller.SubmitAsync(accept, "main form");

        Assert.NotNull((await db.SentInvitations.AsNoTracking().SingleAsync(s => s.Id == invitation.Id)).AcceptedAt);
    }
}
