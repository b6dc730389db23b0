using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>The portal in Chromium with "Sign in with Microsoft" against the loopback OpenID Connect server.</summary>
public sealed class MicrosoftSignInBrowserFixture : BrowserFixture
{
    public OidcServer Oidc { get; } = new();

    protected override IDictionary<string, string?> Settings() => Oidc.PortalSettings("Global");

    public override async Task InitializeAsync()
    {
        await Oidc.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

/// <summary>Issue 9 part 1 in a browser: a Global admin links the tenant, a new person asks, is approved, and signs in.</summary>
public class MicrosoftSignInWalkthrough(MicrosoftSignInBrowserFixture browser) : IClassFixture<MicrosoftSignInBrowserFixture>
{
    [Fact]
    public async Task A_Global_admin_links_the_tenant_and_approves_a_colleague_who_then_signs_in_with_Microsoft()
    {
        var tenant = Guid.NewGuid();
        var admin = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.GlobalAdmin));
        await admin.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Sign in with Microsoft", Exact = true }).ClickAsync();
        browser.Oidc.NextUser = new OidcUser(tenant, Guid.NewGuid(), "Tenant Admin", "tenant.admin@contoso-tenant.example", TenantGlobalAdministrator: true);
        await admin.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Link your Microsoft Entra tenant" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("linked-tenant")).ToHaveTextAsync(tenant.ToString());
        await BrowserFixture.ScreenshotAsync(admin, "microsoft-tenant-linked");

        var colleague = await browser.NewPageAsync();
        browser.Oidc.NextUser = new OidcUser(tenant, Guid.NewGuid(), "Maria Colleague", "maria@contoso-tenant.example");
        await colleague.GotoAsync("/Account/SignIn");
        await colleague.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with Microsoft", Exact = true }).ClickAsync();
        await Assertions.Expect(colleague.GetByTestId("waiting-for-approval")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(colleague, "microsoft-waiting-for-approval");

        await admin.ReloadAsync();
        var row = admin.Locator("tr", new PageLocatorOptions { Has = admin.GetByText("maria@contoso-tenant.example") });
        await row.GetByLabel("Admin agent").CheckAsync();
        await BrowserFixture.ScreenshotAsync(admin, "microsoft-approve");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("maria@contoso-tenant.example can now sign in with Microsoft.");

        await colleague.GotoAsync("/Account/SignIn");
        await colleague.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with Microsoft", Exact = true }).ClickAsync();
        await Assertions.Expect(colleague.Locator("nav.menu")).ToContainTextAsync("Customers");
        await Assertions.Expect(colleague.Locator(".who")).ToHaveTextAsync("Maria Colleague");
        await BrowserFixture.ScreenshotAsync(colleague, "microsoft-signed-in");
    }
}
