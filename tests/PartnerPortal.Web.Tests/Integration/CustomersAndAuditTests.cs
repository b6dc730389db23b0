using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

public class CustomersAndAuditTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Customers_page_lists_only_the_partners_customers_and_searches_by_name_or_domain()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        var all = (await client.GetAsync("/Customers")).FindAll("details.customer").Select(d => d.GetAttribute("data-customer")).ToList();
        Assert.Contains("Adatum Corporation", all);
        Assert.Contains("Litware Inc.", all);
        Assert.DoesNotContain("Relecloud", all);
        Assert.DoesNotContain("Proseware GmbH", all);
        Assert.DoesNotContain("Trey Research Beijing", all);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);

        var byDomain = await client.GetAsync("/Customers?q=LITW");
        Assert.Equal(["Litware Inc."], byDomain.FindAll("details.customer").Select(d => d.GetAttribute("data-customer")));
        var wildcard = await client.GetAsync("/Customers?q=%25");
        Assert.Empty(wildcard.FindAll("details.customer"));
        var other = await client.GetAsync("/Customers?q=relecloud");
        Assert.Empty(other.FindAll("details.customer"));

        // The text goes into the SQL as an escaped literal (each text planned for itself): quotes are text, never SQL.
        foreach (var text in new[] { "x' OR 'a'='a", "x'' OR ''a''=''a", "Inc.' --", "\\' OR true --" })
        {
            var quoted = await client.GetAsync("/Customers?q=" + Uri.EscapeDataString(text));
            Assert.Equal(HttpStatusCode.OK, quoted.Status);
            Assert.Empty(quoted.FindAll("details.customer"));
        }

        Assert.Equal(["Litware Inc."], (await client.GetAsync("/Customers?q=" + Uri.EscapeDataString("Inc."))).FindAll("details.customer").Select(d => d.GetAttribute("data-customer")));
    }

    [Fact]
    public async Task A_search_for_percent_underscore_or_backslash_finds_those_characters_not_anything()
    {
        await using (var db = portal.Db())
        {
            // Four customers of Contoso Deutschland whose names differ only where a wildcard would match anything.
            await db.Database.ExecuteSqlRawAsync("""
                WITH made AS (SELECT gen_random_uuid() AS id, name, domain FROM (VALUES
                  ('Hundred 100% Foods', 'wildpercent'), ('Hundred 1000 Foods', 'wildthousand'),
                  ('Under_score Ltd', 'wildunderscore'), ('Underxscore Ltd', 'wildx')) AS v(name, domain)),
                c AS (
                  INSERT INTO "Customers" ("Id", "CompanyName", "Domain", "Country", "Cloud", "CreatedAt", "AddressLine1", "City", "PostalCode", "ContactName", "ContactEmail", "ContactPhone")
                  SELECT id, name, domain || '.onmicrosoft.de', 'DE', 'Germany', now(), '1 Main', 'Berlin', '10115', 'IT', 'it@' || domain || '.example', '+49 30 0100' FROM made
                  RETURNING "Id", "CompanyName", "Domain")
                INSERT INTO "CustomerRelationships" ("Id", "CustomerId", "CustomerName", "CustomerDomain", "PartnerId", "EstablishedAt")
                SELECT gen_random_uuid(), c."Id", c."CompanyName", c."Domain", (SELECT "Id" FROM "Partners" WHERE "MpnId" = '1000003'), now() FROM c
                """);
        }

        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contosode", PartnerRole.AdminAgent));
        async Task<List<string?>> Found(string text) =>
            (await client.GetAsync("/Customers?q=" + Uri.EscapeDataString(text))).FindAll("details.customer").Select(d => d.GetAttribute("data-customer")).ToList();

        Assert.Equal(["Hundred 100% Foods"], await Found("100%"));
        Assert.Equal(["Hundred 100% Foods"], await Found("100% FOODS"));
        Assert.Equal(["Under_score Ltd"], await Found("under_"));
        Assert.Equal(["Hundred 100% Foods", "Hundred 1000 Foods"], await Found("hundred"));
        Assert.Equal(["Underxscore Ltd"], await Found("WILDX"));
        Assert.Empty(await Found("\\"));
    }

    [Fact]
    public async Task Expanding_a_customer_shows_account_services_users_and_licenses()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso"));
        var page = await client.GetAsync("/Customers?q=adatum");
        Assert.Single(page.FindAll("details.customer"));
        var (_, adatum) = await OpenCustomerAsync(client, page, "Adatum Corporation");
        var text = adatum.TextContent;
        Assert.Contains("adatum.onmicrosoft.com", text, StringComparison.Ordinal);
        Assert.Contains("United States", text, StringComparison.Ordinal);
        Assert.Contains("Public cloud", text, StringComparison.Ordinal);
        Assert.Contains("Microsoft 365 Business Basic", text, StringComparison.Ordinal);
        Assert.Contains("admin@adatum.onmicrosoft.com", text, StringComparison.Ordinal);
        Assert.Equal("Yes", adatum.QuerySelector("[data-testid=dap-Office365]")!.TextContent);
    }

    /// <summary>Issue 20: a list view carries only the closed rows; an opened row's record comes from its own small endpoint.</summary>
    [Fact]
    public async Task A_record_loads_from_its_fragment_with_the_pages_scoping_and_the_list_renders_no_hidden_records()
    {
        await using var db = portal.Db();
        var adatum = await db.Customers.Where(c => c.Domain.StartsWith("adatum.")).Select(c => c.Id).SingleAsync();
        var litware = await db.Customers.Where(c => c.Domain.StartsWith("litware.")).Select(c => c.Id).SingleAsync();
        var relecloud = await db.Customers.Where(c => c.Domain.StartsWith("relecloud.")).Select(c => c.Id).SingleAsync();

        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));
        var list = await agent.GetAsync("/Customers");
        Assert.True(list.FindAll("details.customer").Count >= 2);
        Assert.Empty(list.FindAll("[data-testid=customer-record]"));
        Assert.Empty(list.FindAll("[data-testid=licenses]"));
        Assert.Equal($"/Customers/Record/{adatum}", list.Find("details.customer[data-customer='Adatum Corporation']")!.GetAttribute("data-record-url"));

        // The fragment: the record alone (no layout), with subscriptions, delegated admin and users for the Admin agent.
        var fragment = await agent.GetAsync($"/Customers/Record/{adatum}");
        Assert.Equal(HttpStatusCode.OK, fragment.Status);
        Assert.Null(fragment.Find("nav.menu"));
        var record = fragment.Find($"[data-testid=customer-record][data-record='{adatum}']")!;
        Assert.Contains("Microsoft 365 Business Basic", record.QuerySelector("[data-testid=licenses]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Yes", record.QuerySelector("[data-testid=dap-Office365]")!.TextContent);
        Assert.Contains(CustomerAdmin("adatum"), record.QuerySelector("[data-testid=customer-users]")!.TextContent, StringComparison.Ordinal);

        // Another organization's customer, and a customer nobody has, are not found.
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/Customers/Record/{relecloud}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/Customers/Record/{Guid.CreateVersion7()}")).Status);

        // A User management admin holds no admin role on Litware: the record says so and lists no users.
        using var userManager = portal.NewClient();
        await userManager.SignInAsync(Partner("contoso", PartnerRole.UserManagementAdmin));
        var theirs = await userManager.GetAsync($"/Customers/Record/{litware}");
        Assert.NotNull(theirs.Find("[data-testid=no-admin-role]"));
        Assert.Null(theirs.Find("[data-testid=customer-users]"));
        Assert.DoesNotContain(CustomerAdmin("litware"), theirs.Text, StringComparison.Ordinal);

        // Another partner's staff cannot read Contoso's customer through the fragment.
        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        Assert.Equal(HttpStatusCode.NotFound, (await fabrikam.GetAsync($"/Customers/Record/{adatum}")).Status);
    }

    /// <summary>Issue 20: without scripts the summary's link opens the record server-side; a shared link opens it on any page.</summary>
    [Fact]
    public async Task Without_scripts_the_expand_link_opens_the_record_and_a_shared_link_opens_it_anywhere()
    {
        await using var db = portal.Db();
        var adatum = await db.Customers.Where(c => c.Domain.StartsWith("adatum.")).Select(c => c.Id).SingleAsync();
        var relecloud = await db.Customers.Where(c => c.Domain.StartsWith("relecloud.")).Select(c => c.Id).SingleAsync();
        using var agent = portal.NewClient();
        await agent.SignInAsync(Partner("contoso"));

        var searched = await agent.GetAsync("/Customers?q=adatum");
        var link = searched.Find("details.customer[data-customer='Adatum Corporation'] summary a.record-link")!.GetAttribute("href")!;
        Assert.Equal($"?q=adatum&expand={adatum}", link);
        var (page, record) = await OpenCustomerAsync(agent, searched, "Adatum Corporation");
        Assert.Contains("Microsoft 365 Business Basic", record.TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("details.customer[open]"));
        Assert.Equal("adatum", page.Find("#q")!.GetAttribute("value"));

        // A shared link to a customer the current search does not show: its record opens above the list.
        var shared = await agent.GetAsync($"/Customers?q=litware&expand={adatum}");
        Assert.NotNull(shared.Find($"details.customer[open][data-id='{adatum}'] [data-testid=customer-record]"));
        Assert.NotNull(shared.Find("details.customer[data-customer='Litware Inc.']:not([open])"));

        // Another organization's customer: nothing of it, and a message instead.
        var foreign = await agent.GetAsync($"/Customers?expand={relecloud}");
        Assert.Equal(HttpStatusCode.OK, foreign.Status);
        Assert.Null(foreign.Find("[data-testid=customer-record]"));
        Assert.Equal("That customer is not one of yours, so its record cannot be shown.", foreign.Find("[data-testid=expand-not-found]")!.TextContent);
        Assert.DoesNotContain("Relecloud", foreign.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indirect_provider_filters_its_customers_by_reseller_and_the_reseller_sees_its_own()
    {
        await using var db = portal.Db();
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var tailspin = await db.Partners.SingleAsync(p => p.MpnId == "3000002");

        using var provider = portal.NewClient();
        await provider.SignInAsync(Partner("fabrikam"));
        Assert.Equal(["Relecloud"], (await provider.GetAsync($"/Customers?reseller={northwind.Id}")).FindAll("details.customer").Select(d => d.GetAttribute("data-customer")));
        Assert.Empty((await provider.GetAsync($"/Customers?reseller={tailspin.Id}")).FindAll("details.customer"));

        using var reseller = portal.NewClient();
        await reseller.SignInAsync(Partner("northwind"));
        Assert.Equal(["Relecloud"], (await reseller.GetAsync("/Customers")).FindAll("details.customer").Select(d => d.GetAttribute("data-customer")));
        using var otherReseller = portal.NewClient();
        await otherReseller.SignInAsync(Partner("tailspin"));
        Assert.Empty((await otherReseller.GetAsync("/Customers")).FindAll("details.customer"));
    }

    [Fact]
    public async Task Audit_log_records_requests_and_acceptances_and_filters_by_customer_and_date()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        await AcceptAsync(customer, link);

        using var admin = portal.NewClient();
        await admin.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var log = await admin.GetAsync("/AuditLog");
        var actions = log.FindAll("[data-testid=audit] tbody tr").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Contains("RelationshipRequested", actions);
        Assert.Contains("RelationshipAccepted", actions);

        var woodgrove = await admin.GetAsync("/AuditLog?customer=woodgrove");
        Assert.All(woodgrove.FindAll("[data-testid=audit] tbody tr"), r => Assert.Contains("Woodgrove Bank", r.TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(woodgrove.FindAll("[data-testid=audit] tbody tr"));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEmpty((await admin.GetAsync($"/AuditLog?from={today}&to={today}")).FindAll("[data-testid=audit] tbody tr"));
        Assert.Empty((await admin.GetAsync("/AuditLog?to=2000-01-01")).FindAll("[data-testid=audit] tbody tr"));
        Assert.Contains("The start date must not be after the end date.", (await admin.GetAsync("/AuditLog?from=2026-02-01&to=2026-01-01")).Errors);
        var badDate = await admin.GetAsync("/AuditLog?from=yesterday");
        Assert.Equal(HttpStatusCode.OK, badDate.Status);

        using var otherPartner = portal.NewClient();
        await otherPartner.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        var theirs = await otherPartner.GetAsync("/AuditLog?customer=woodgrove");
        Assert.Empty(theirs.FindAll("[data-testid=audit] tbody tr"));
    }

    [Fact]
    public async Task Sales_agents_cannot_read_the_audit_log()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        Assert.Equal("/Account/AccessDenied", (await client.GetAsync("/AuditLog")).Url.AbsolutePath);
    }
}

/// <summary>Another organization's data is never visible or changeable, whatever id is typed into a URL or a form.</summary>
public class TenantIsolationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_partner_cannot_open_or_remove_another_partners_customer_by_id()
    {
        await using var db = portal.Db();
        var adatum = await db.Customers.SingleAsync(c => c.Domain == "adatum.onmicrosoft.com");
        using var attacker = portal.NewClient();
        var home = await attacker.SignInAsync(Partner("fabrikam", PartnerRole.GlobalAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await attacker.GetAsync($"/Customers/Remove/{adatum.Id}")).Status);
        var forged = await attacker.PostRawAsync(home, $"/Customers/Remove/{adatum.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal((1, 2), await CountsAsync(portal, "adatum"));
    }

    [Fact]
    public async Task A_customer_admin_cannot_change_another_customers_delegated_admin()
    {
        await using var db = portal.Db();
        var contoso = await db.Partners.SingleAsync(p => p.MpnId == "1000001");
        using var attacker = portal.NewClient();
        await attacker.SignInAsync(CustomerAdmin("litware"));
        var page = await attacker.GetAsync("/AdminCenter/PartnerRelationships");
        await attacker.PostRawAsync(page, $"/AdminCenter/PartnerRelationships?handler=Remove", new Dictionary<string, string> { ["partnerId"] = contoso.Id.ToString() });
        await attacker.PostRawAsync(page, "/AdminCenter/PartnerRelationships?handler=RemoveAll", new Dictionary<string, string>());
        Assert.Equal((1, 2), await CountsAsync(portal, "adatum"));
    }

    [Fact]
    public async Task Partner_staff_cannot_use_the_customer_admin_center_pages()
    {
        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        Assert.Equal("/Account/AccessDenied", (await partner.GetAsync("/AdminCenter/PartnerRelationships")).Url.AbsolutePath);
    }

    [Fact]
    public async Task Customer_admins_cannot_use_partner_pages()
    {
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("adatum"));
        foreach (var path in new[] { "/Customers", "/Customers/RequestRelationship", "/Invitations", "/AuditLog", "/Users" })
        {
            Assert.Equal("/Account/AccessDenied", (await customer.GetAsync(path)).Url.AbsolutePath);
        }
    }

    [Fact]
    public async Task Invitations_of_another_partner_are_not_listed()
    {
        using var contoso = portal.NewClient();
        await contoso.SignInAsync(Partner("contoso"));
        var draft = await RequestRelationshipAsync(contoso);
        await contoso.SubmitAsync(draft, "#invitation-email", new Dictionary<string, object?> { ["Input.To"] = "secret@customer.example" });

        using var fabrikam = portal.NewClient();
        await fabrikam.SignInAsync(Partner("fabrikam"));
        var list = await fabrikam.GetAsync("/Invitations");
        Assert.DoesNotContain("secret@customer.example", list.Text, StringComparison.Ordinal);
    }
}
