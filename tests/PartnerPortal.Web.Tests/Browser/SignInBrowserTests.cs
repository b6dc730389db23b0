using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Browser;

public class SignInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static async Task<IReadOnlyList<string>> MenuAsync(IPage page) =>
        await page.Locator("nav.menu a").AllInnerTextsAsync();

    [Fact]
    public async Task Admin_agent_signs_in_and_sees_the_navigation_the_role_allows()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.AdminAgent));
        await Assertions.Expect(page.GetByTestId("org-name")).ToHaveTextAsync("Contoso Cloud Partners");
        await BrowserFixture.ScreenshotAsync(page, "admin-agent-home");

        var menu = await MenuAsync(page);
        Assert.Contains("Customers", menu);
        Assert.Contains("Audit log", menu);
        Assert.DoesNotContain("Users", menu);
    }

    [Fact]
    public async Task Sales_agent_sees_less()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.SalesAgent));
        await Assertions.Expect(page.GetByTestId("org-name")).ToBeVisibleAsync();
        var menu = await MenuAsync(page);
        Assert.Contains("Customers", menu);
        Assert.DoesNotContain("Audit log", menu);
        Assert.DoesNotContain("Users", menu);
    }

    [Fact]
    public async Task The_language_picker_switches_the_portal_to_Chinese()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoDirectory.PartnerUserEmail("contosocn", PartnerRole.GlobalAdmin));
        await page.Locator("#culture").SelectOptionAsync("zh-Hans");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("仪表板");
        await BrowserFixture.ScreenshotAsync(page, "home-zh");
    }
}
