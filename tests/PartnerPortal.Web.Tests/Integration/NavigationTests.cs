using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

public class NavigationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static async Task<IReadOnlyList<string>> MenuOf(PortalClient client, string email)
    {
        var home = await client.SignInAsync(email);
        return home.FindAll("nav.menu a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public async Task Admin_agent_sees_customers_invitations_and_audit_log_but_not_users()
    {
        using var client = portal.NewClient();
        var menu = await MenuOf(client, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.AdminAgent));
        Assert.Contains("/Customers", menu);
        Assert.Contains("/Invitations", menu);
        Assert.DoesNotContain("/IndirectResellers", menu);
        Assert.Contains("/AuditLog", menu);
        Assert.DoesNotContain("/Users", menu);
    }

    [Fact]
    public async Task Sales_agent_sees_less_than_an_admin_agent()
    {
        using var client = portal.NewClient();
        var menu = await MenuOf(client, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.SalesAgent));
        Assert.Contains("/Customers", menu);
        Assert.DoesNotContain("/AuditLog", menu);
        Assert.DoesNotContain("/Users", menu);
    }

    [Fact]
    public async Task Indirect_providers_see_indirect_resellers_and_resellers_see_indirect_providers()
    {
        using var provider = portal.NewClient();
        var providerMenu = await MenuOf(provider, DemoDirectory.PartnerUserEmail("fabrikam", PartnerRole.SalesAgent));
        Assert.Contains("/IndirectResellers", providerMenu);
        Assert.DoesNotContain("/IndirectProviders", providerMenu);

        using var reseller = portal.NewClient();
        var resellerMenu = await MenuOf(reseller, DemoDirectory.PartnerUserEmail("northwind", PartnerRole.UserManagementAdmin));
        Assert.Contains("/IndirectProviders", resellerMenu);
        Assert.DoesNotContain("/IndirectResellers", resellerMenu);
    }

    [Fact]
    public async Task Billing_admin_sees_neither_customers_nor_users()
    {
        using var client = portal.NewClient();
        var menu = await MenuOf(client, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.BillingAdmin));
        Assert.DoesNotContain("/Customers", menu);
        Assert.DoesNotContain("/Users", menu);
    }

    [Fact]
    public async Task Customer_admin_sees_partner_relationships_only()
    {
        using var client = portal.NewClient();
        var menu = await MenuOf(client, DemoDirectory.CustomerAdminEmail(DemoDirectory.Customers[0]));
        Assert.Contains("/AdminCenter/PartnerRelationships", menu);
        Assert.DoesNotContain("/Customers", menu);
    }

    [Fact]
    public async Task A_page_outside_the_role_says_which_roles_are_needed()
    {
        using var client = portal.NewClient();
        await client.SignInAsync(DemoDirectory.PartnerUserEmail("contoso", PartnerRole.SalesAgent));
        var page = await client.GetAsync("/Users");
        Assert.Equal("/Account/AccessDenied", page.Url.AbsolutePath);
        var roles = page.FindAll(".roles-needed li").Select(li => li.TextContent).ToList();
        Assert.Equal(["Global admin", "User management admin"], roles);
    }
}
