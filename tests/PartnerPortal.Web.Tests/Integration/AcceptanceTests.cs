using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Customer side of seeds 000-003: following the link into the cloud's admin center.</summary>
public class AcceptanceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("contoso", "Microsoft 365 admin center")]
    [InlineData("contosogov", "Microsoft Office admin portal")]
    [InlineData("contosode", "Microsoft Office admin portal")]
    [InlineData("contosocn", "Office 365 admin center operated by 21Vianet")]
    public async Task The_link_opens_the_admin_center_of_the_partners_cloud(string partner, string adminCenter)
    {
        var link = await LinkForAsync(portal, Partner(partner));
        using var anonymous = portal.NewClient();
        var page = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(adminCenter, page.Find(".admin-center")!.TextContent);
        Assert.Equal(adminCenter, page.Find("[data-testid=admin-center]")!.TextContent);
        Assert.NotNull(page.Find("a[href*='CreateOrganization']"));
    }

    [Fact]
    public async Task The_customer_sees_the_partner_and_exactly_what_is_asked()
    {
        var link = await LinkForAsync(portal, Partner("contoso"), includeDelegatedAdmin: false);
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        var page = await customer.GetAsync(link);
        Assert.Equal("Contoso Cloud Partners", page.Find("[data-testid=partner-name]")!.TextContent);
        Assert.Contains("without delegated administration privileges", page.Find("[data-testid=what-is-asked]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("United States", page.Find("[data-testid=invitation-details]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_puts_the_customer_on_the_partners_customers_page_and_accepting_twice_changes_nothing()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("woodgrove"));
        var accepted = await AcceptAsync(customer, link);
        Assert.Equal("/AdminCenter/PartnerRelationships", accepted.Url.AbsolutePath);
        Assert.Equal((1, 2), await CountsAsync(portal, "woodgrove"));

        var again = await customer.GetAsync(link);
        Assert.NotNull(again.Find("[data-testid=already-accepted]"));
        var forged = await customer.PostRawAsync(again, link + "?handler=Accept", new Dictionary<string, string>());
        Assert.NotNull(forged.Find("[data-testid=already-accepted]"));
        Assert.Equal((1, 2), await CountsAsync(portal, "woodgrove"));

        using var partner = portal.NewClient();
        await partner.SignInAsync(Partner("contoso", PartnerRole.SalesAgent));
        var customers = await partner.GetAsync("/Customers?q=woodgrove");
        var row = Assert.Single(customers.FindAll("details.customer"));
        Assert.Equal("Woodgrove Bank", row.GetAttribute("data-customer"));
        var (_, record) = await OpenCustomerAsync(partner, customers, "Woodgrove Bank");
        Assert.Equal("Yes", record.QuerySelector("[data-testid=dap-Office365]")!.TextContent);
    }

    [Fact]
    public async Task A_customer_outside_the_partners_region_is_refused_and_nothing_changes()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("proseware"));
        var page = await customer.GetAsync(link);
        Assert.Contains("only with customers in its own country or region", page.Find("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("button[formaction*=Accept]"));

        await customer.PostRawAsync(page, link + "?handler=Accept", new Dictionary<string, string>());
        Assert.Equal((0, 0), await CountsAsync(portal, "proseware"));
    }

    [Fact]
    public async Task A_customer_of_another_cloud_is_refused_and_nothing_changes()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("redmondcity"));
        var page = await customer.GetAsync(link);
        Assert.Contains("A partner can only work with customers in its own cloud.", page.Find("[data-testid=refusal]")!.TextContent, StringComparison.Ordinal);
        await customer.PostRawAsync(page, link + "?handler=Accept", new Dictionary<string, string>());
        Assert.Equal((1, 2), await CountsAsync(portal, "redmondcity"));
    }

    [Fact]
    public async Task A_tampered_link_gets_a_clear_error_page_and_changes_nothing()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        var code = link[^22..];
        var tampered = link[..^22] + (code[0] == 'A' ? 'B' : 'A') + code[1..];
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("lamna"));
        var page = await customer.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.NotNull(page.Find("[data-testid=invalid-link]"));

        var good = await customer.GetAsync(link);
        var forged = await customer.PostRawAsync(good, tampered + "?handler=Accept", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal((0, 0), await CountsAsync(portal, "lamna"));

        var truncated = await customer.GetAsync(link[..^3]);
        Assert.Equal(HttpStatusCode.NotFound, truncated.Status);
    }

    [Fact]
    public async Task Partner_staff_following_the_link_are_told_to_sign_in_as_the_customers_admin()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var other = portal.NewClient();
        await other.SignInAsync(Partner("fabrikam"));
        var page = await other.GetAsync(link);
        Assert.Contains("Only an administrator of the customer organization can accept", page.Text, StringComparison.Ordinal);
        var forged = await other.PostRawAsync(page, link + "?handler=Accept", new Dictionary<string, string>());
        Assert.NotEqual(HttpStatusCode.OK, forged.Status);
    }

    [Fact]
    public async Task A_new_customer_creates_its_organization_accepts_the_agreement_then_the_relationship()
    {
        var link = await LinkForAsync(portal, Partner("contosocn"));
        using var customer = portal.NewClient();
        var invitation = await customer.GetAsync(link);
        var form = await customer.GetAsync(invitation.Find("a[href*='CreateOrganization']")!.GetAttribute("href")!);
        Assert.Equal(["CN"], form.FindAll("#Input_Country option").Select(o => o.GetAttribute("value")).Where(v => v != ""));

        var refused = await customer.SubmitAsync(form, "main form", new Dictionary<string, object?> { ["Input.CompanyName"] = "" });
        Assert.Contains("Enter the company name.", refused.Errors);

        var created = await customer.SubmitAsync(form, "main form", new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = "Blue Yonder Shanghai",
            ["Input.DomainPrefix"] = "blueyonder",
            ["Input.Country"] = "CN",
            ["Input.AddressLine1"] = "1 Nanjing Road",
            ["Input.City"] = "Shanghai",
            ["Input.PostalCode"] = "200000",
            ["Input.Phone"] = "+86 21 5555 0100",
            ["Input.AdminName"] = "Li Wei",
            ["Input.AdminUserName"] = "liwei",
            ["Input.Password"] = "Blue-Yonder-2026",
            ["Input.ConfirmPassword"] = "Blue-Yonder-2026",
        });
        Assert.Equal(link, created.Url.AbsolutePath);
        Assert.NotNull(created.Find("[data-testid=customer-agreement]"));

        var withoutAgreement = await customer.SubmitAsync(created, "main form", handler: "Accept");
        Assert.Contains("Accept the 21Vianet Customer Agreement before you accept the relationship.", withoutAgreement.Errors);
        Assert.Equal((0, 0), await CountsAsync(portal, "blueyonder"));

        await customer.SubmitAsync(created, "main form", new Dictionary<string, object?> { ["AcceptAgreement"] = "true" }, handler: "Accept");
        Assert.Equal((1, 2), await CountsAsync(portal, "blueyonder"));
        await using var db = portal.Db();
        var stored = await db.Customers.SingleAsync(c => c.Domain == "blueyonder.partner.onmschina.cn");
        Assert.Equal("21V-2018-10", stored.AgreementAcceptance!.AgreementVersion);
        Assert.Equal("liwei@blueyonder.partner.onmschina.cn", stored.AgreementAcceptance.AcceptedBy);
    }

    [Fact]
    public async Task Creating_an_organization_with_a_taken_domain_is_refused()
    {
        var link = await LinkForAsync(portal, Partner("contoso"));
        using var customer = portal.NewClient();
        var form = await customer.GetAsync(link.Replace("/Invitation/", "/CreateOrganization/", StringComparison.Ordinal));
        var page = await customer.SubmitAsync(form, "main form", new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = "Another Adatum",
            ["Input.DomainPrefix"] = "adatum",
            ["Input.Country"] = "US",
            ["Input.AddressLine1"] = "1 Main",
            ["Input.City"] = "Reno",
            ["Input.PostalCode"] = "89501",
            ["Input.Phone"] = "+1 555 0101",
            ["Input.AdminName"] = "Pat",
            ["Input.Password"] = "Another-Adatum-1",
            ["Input.ConfirmPassword"] = "Another-Adatum-1",
        });
        Assert.Contains("The domain adatum.onmicrosoft.com is already taken. Choose another name.", page.Errors);
        await using var db = portal.Db();
        Assert.Equal(1, await db.Customers.CountAsync(c => c.Domain == "adatum.onmicrosoft.com"));
    }

    [Fact]
    public async Task In_21Vianet_a_second_partner_gets_the_relationship_without_delegated_admin_for_held_services()
    {
        var link = await LinkForAsync(portal, Partner("contosocn"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("treyresearch"));
        var page = await customer.GetAsync(link);
        var conflicts = page.Find("[data-testid=delegated-admin-conflicts]")!;
        Assert.Contains("Wingtip China already holds delegated admin privileges", conflicts.TextContent, StringComparison.Ordinal);

        var forged = await customer.PostRawAsync(page, link + "?handler=Accept", new Dictionary<string, string>());
        Assert.Contains(forged.Errors, e => e.StartsWith("Another partner already holds delegated admin privileges", StringComparison.Ordinal));
        Assert.Equal((1, 2), await CountsAsync(portal, "treyresearch"));

        await customer.SubmitAsync(page, "main form", handler: "Accept");
        Assert.Equal((2, 2), await CountsAsync(portal, "treyresearch"));
        await using var db = portal.Db();
        var trey = await db.Customers.Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Domain.StartsWith("treyresearch."));
        var wingtip = await db.Partners.SingleAsync(p => p.MpnId == "1000005");
        Assert.All(trey.ActiveGrants, g => Assert.Equal(wingtip.Id, g.PartnerId));
    }

    [Fact]
    public async Task Declining_changes_nothing_and_is_audited()
    {
        var link = await LinkForAsync(portal, Partner("fabrikam"));
        using var customer = portal.NewClient();
        await customer.SignInAsync(CustomerAdmin("litware"));
        var before = await CountsAsync(portal, "litware");
        var invitation = await customer.GetAsync(link);
        var declined = await customer.SubmitAsync(invitation, "main form", handler: "Decline");
        Assert.Contains("You declined the invitation from Fabrikam Distribution.", declined.Find("[data-testid=outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(portal, "litware"));
        await using var db = portal.Db();
        var fabrikam = await db.Partners.SingleAsync(p => p.MpnId == "2000001");
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "InvitationDeclined" && a.Subject == "Litware Inc." && a.PartnerId == fabrikam.Id));
    }
}
