using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>Seed 004's procedures, as an indirect provider's staff do them.</summary>
public class IndirectResellerWalkthrough(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Menu(IPage page, string item) =>
        page.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = item, Exact = true });

    [Fact]
    public async Task Add_new_customers_and_associate_them_with_indirect_resellers()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, Partner("fabrikam", PartnerRole.AdminAgent));

        // Steps 1-2: Indirect resellers > Add new customer on the reseller's row; the reseller is already selected.
        await Menu(page, "Indirect resellers").ClickAsync();
        await page.Locator("[data-reseller='Northwind Traders Resellers']").GetByRole(AriaRole.Link, new() { Name = "Add new customer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reseller option:checked")).ToHaveTextAsync("Northwind Traders Resellers (3000001)");
        await page.GetByLabel("Company name").FillAsync("Coho Winery");
        await page.GetByLabel("Domain name").FillAsync("cohowinery");
        await page.GetByLabel("Country/region").SelectOptionAsync("US");
        await page.GetByLabel("Address").FillAsync("500 Vineyard Lane");
        await page.GetByLabel("City").FillAsync("Napa");
        await page.GetByLabel("Postal code").FillAsync("94558");
        await page.Locator("#Input_ContactName").FillAsync("Ben Miller");
        await page.Locator("#Input_ContactEmail").FillAsync("ben@cohowinery.example");
        await page.GetByLabel("Phone number").FillAsync("+1 707 555 0100");
        await BrowserFixture.ScreenshotAsync(page, "seed004-add-customer-step2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: Subscriptions" }).ClickAsync();

        // Step 3: New subscription page; Step 4: Next: Review.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("New subscription");
        await page.GetByLabel("Microsoft 365 Business Basic").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: Review" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("review")).ToContainTextAsync("cohowinery.onmicrosoft.com");

        // Steps 5-6: Submit; the Confirmation page shows Setup info once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Confirmation");
        await Assertions.Expect(page.GetByTestId("admin-user-name")).ToHaveTextAsync("admin@cohowinery.onmicrosoft.com");
        var password = await page.GetByTestId("temporary-password").InnerTextAsync();
        Assert.Equal(16, password.Length);
        await BrowserFixture.ScreenshotAsync(page, "seed004-add-customer-step6-confirmation");

        // Step 7: Done; the customer is listed, associated with the reseller.
        await page.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        var record = page.Locator("details.customer[data-customer='Coho Winery']");
        await Assertions.Expect(record.Locator("summary")).ToContainTextAsync("Northwind Traders Resellers");

        // The new customer's admin must choose a new password at first sign-in.
        var customer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(customer, "admin@cohowinery.onmicrosoft.com", password);
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Change password");
    }

    [Fact]
    public async Task Add_new_subscriptions_to_customer_accounts()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, Partner("fabrikam", PartnerRole.SalesAgent));

        // Steps 1-2: Customers, filtered by indirect reseller; expand the record; Add subscription.
        await Menu(page, "Customers").ClickAsync();
        await page.GetByLabel("Indirect reseller").SelectOptionAsync(new SelectOptionValue { Label = "Northwind Traders Resellers" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        // The unfiltered list shows Relecloud too: opening its record before the filtered page arrives would open it on a page
        // that is about to be replaced.
        await page.WaitForURLAsync(url => url.Contains("reseller=", StringComparison.Ordinal));
        var record = page.Locator("details.customer[data-customer='Relecloud']");
        await record.Locator("summary").ClickAsync();
        await record.GetByRole(AriaRole.Link, new() { Name = "Add subscription" }).ClickAsync();

        // Steps 3-4: choose subscriptions and licenses, associate the reseller, Submit.
        await page.GetByLabel("Microsoft 365 E3").FillAsync("15");
        await page.GetByLabel("Reseller", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Northwind Traders Resellers (3000001)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        // Step 5: the new subscription appears in the customer's subscriptions list.
        var row = page.Locator("[data-subscription='Microsoft 365 E3']");
        await Assertions.Expect(row.GetByTestId("reseller")).ToHaveTextAsync("Northwind Traders Resellers (3000001)");

        // Steps 6-7: select the subscription, choose the reseller as Designated support contact, Submit.
        await row.GetByRole(AriaRole.Link, new() { Name = "Microsoft 365 E3" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Reseller (MPN ID)")).ToHaveValueAsync("3000001");
        await page.GetByLabel("Designated support contact").SelectOptionAsync(new SelectOptionValue { Label = "Northwind Traders Resellers" });
        await BrowserFixture.ScreenshotAsync(page, "seed004-subscription-details");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-subscription='Microsoft 365 E3'] [data-testid=support-contact]")).ToHaveTextAsync("Northwind Traders Resellers");
    }

    [Fact]
    public async Task Request_a_partnership_then_the_reseller_accepts()
    {
        var provider = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(provider, Partner("fabrikam", PartnerRole.GlobalAdmin));
        await Menu(provider, "Indirect resellers").ClickAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Request a partnership" }).ClickAsync();
        var link = await provider.GetByTestId("invitation-link").InputValueAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#copy-status")).ToHaveTextAsync("Copied");
        Assert.Contains(link, await provider.EvaluateAsync<string>("navigator.clipboard.readText()"), StringComparison.Ordinal);
        await provider.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(provider.Locator("h1")).ToHaveTextAsync("Indirect resellers");

        var reseller = await browser.NewPageAsync();
        await reseller.GotoAsync(link);
        await reseller.GetByLabel("Email").FillAsync(Partner("wideworld", PartnerRole.SalesAgent));
        await reseller.GetByLabel("Password").FillAsync(Seeding.DemoDirectory.Password);
        await reseller.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(reseller.GetByTestId("provider-name")).ToHaveTextAsync("Fabrikam Distribution");
        await reseller.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Assertions.Expect(reseller.Locator("[data-provider='Fabrikam Distribution']")).ToBeVisibleAsync();

        await provider.ReloadAsync();
        await Assertions.Expect(provider.Locator("[data-reseller='Wide World Importers Resellers']")).ToBeVisibleAsync();
    }
}
