using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>
/// Seed 002 in the public cloud: "only one partner can have administrator permissions to manage a service on the customer's
/// behalf". A second partner's invitation names the current holder; the customer trims on Partner relationships, then accepts.
/// </summary>
public class OneDelegatedAdminPartnerWalkthrough(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_customer_sees_who_holds_delegated_admin_removes_it_and_gives_it_to_the_new_partner()
    {
        var partner = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(partner, Partner("fabrikam", PartnerRole.AdminAgent));
        await partner.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await partner.GetByRole(AriaRole.Link, new() { Name = "Request a reseller relationship" }).ClickAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        var link = await partner.GetByTestId("invitation-link").InputValueAsync();

        var customer = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(customer, CustomerAdmin("adatum"));
        await customer.GotoAsync(link);
        var conflicts = customer.GetByTestId("delegated-admin-conflicts");
        await Assertions.Expect(conflicts).ToContainTextAsync("Contoso Cloud Partners already holds delegated admin privileges for Azure Active Directory.");
        await BrowserFixture.ScreenshotAsync(customer, "seed002-public-conflict");

        await customer.GetByTestId("manage-delegated-admin").ClickAsync();
        await customer.Locator("[data-partner='Contoso Cloud Partners']").GetByRole(AriaRole.Link, new() { Name = "Remove delegated admin" }).ClickAsync();
        await customer.GetByTestId("confirm-removal").GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".status")).ToHaveTextAsync("Delegated admin privileges removed from Contoso Cloud Partners.");

        await customer.GotoAsync(link);
        await Assertions.Expect(customer.GetByTestId("delegated-admin-conflicts")).ToHaveCountAsync(0);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Assertions.Expect(customer.Locator("[data-partner='Fabrikam Distribution'] [data-testid=delegated-admin]")).ToHaveTextAsync("Azure Active Directory, Office 365");
        await Assertions.Expect(customer.Locator("[data-partner='Contoso Cloud Partners'] [data-testid=delegated-admin]")).ToHaveTextAsync("None");
        await BrowserFixture.ScreenshotAsync(customer, "seed002-public-after");
    }
}
