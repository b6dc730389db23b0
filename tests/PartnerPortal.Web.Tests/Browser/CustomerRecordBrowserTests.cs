using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>
/// Issue 20 in Chromium: a customer's record loads when its row is opened, by mouse or by keyboard, in place; focus stays on
/// the row's summary; the record's subscriptions and users arrive from the fragment endpoint (the list carried none of them).
/// </summary>
public class CustomerRecordBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_record_opens_in_place_by_mouse_and_by_keyboard_and_shows_its_subscriptions_and_users()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, DemoDirectory.PartnerUserEmail("contoso", PartnerRole.AdminAgent));
        var fragments = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/Customers/Record/", StringComparison.Ordinal))
            {
                fragments.Add(request.Url);
            }
        };
        await page.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-record")).ToHaveCountAsync(0);

        // By mouse: the down arrow beside the name opens it; the page does not navigate.
        var adatum = page.Locator("details.customer[data-customer='Adatum Corporation']");
        await adatum.Locator("summary").ClickAsync(new() { Position = new() { X = 6, Y = 10 } });
        await Assertions.Expect(adatum.GetByTestId("licenses")).ToContainTextAsync("Microsoft 365 Business Basic");
        await Assertions.Expect(adatum.GetByTestId("customer-users")).ToContainTextAsync("admin@adatum.onmicrosoft.com");
        Assert.Equal("/Customers", new Uri(page.Url).AbsolutePath);
        Assert.Single(fragments);
        await BrowserFixture.ScreenshotAsync(page, "issue20-record-opened-by-mouse");

        // Clicking the name (the no-script link) opens and closes it in place too.
        await adatum.Locator("summary a.record-link").ClickAsync();
        await Assertions.Expect(adatum).Not.ToHaveAttributeAsync("open", "");
        Assert.Equal("/Customers", new Uri(page.Url).AbsolutePath);

        // By keyboard: Tab reaches the summary (the link inside is out of the tab order), Enter opens it, focus stays.
        var litware = page.Locator("details.customer[data-customer='Litware Inc.'] summary");
        await litware.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var record = page.Locator("details.customer[data-customer='Litware Inc.']");
        await Assertions.Expect(record.GetByTestId("customer-record")).ToBeVisibleAsync();
        await Assertions.Expect(record.Locator(".record")).ToHaveAttributeAsync("aria-live", "polite");
        Assert.True(await litware.EvaluateAsync<bool>("s => document.activeElement === s"));
        Assert.Equal("-1", await record.Locator("summary a.record-link").GetAttributeAsync("tabindex"));

        // Opened again, a record is not fetched again.
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(record.GetByTestId("customer-record")).ToBeVisibleAsync();
        Assert.Equal(2, fragments.Count);
    }
}
