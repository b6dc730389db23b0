using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>Seed 000 "Invite a customer to establish a reseller relationship with you", steps 1-6, as people do it.</summary>
public partial class RequestRelationshipWalkthrough(MailingBrowserFixture browser) : IClassFixture<MailingBrowserFixture>
{
    [Fact]
    public async Task Partner_invites_by_email_and_the_customer_accepts_in_the_Microsoft_365_admin_center()
    {
        // Step 1: Customers > Request a reseller relationship.
        var partner = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(partner, Partner("contoso", PartnerRole.AdminAgent));
        await partner.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await partner.GetByRole(AriaRole.Link, new() { Name = "Request a reseller relationship" }).ClickAsync();

        // Step 2: the delegated-admin option is checked by default.
        var option = partner.GetByLabel("Include delegated administration privileges for Azure Active Directory and Office 365");
        await Assertions.Expect(option).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(partner, "seed000-step2-request");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Step 3: the draft email, Copy to clipboard, Open in email.
        var link = await partner.GetByTestId("invitation-link").InputValueAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" }).ClickAsync();
        await Assertions.Expect(partner.Locator("#copy-status")).ToHaveTextAsync("Copied");
        Assert.Contains(link, await partner.EvaluateAsync<string>("navigator.clipboard.readText()"), StringComparison.Ordinal);
        var mailto = await partner.GetByRole(AriaRole.Link, new() { Name = "Open in email" }).GetAttributeAsync("href");
        Assert.Contains(Uri.EscapeDataString(link), mailto, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(partner, "seed000-step3-draft");

        // Step 4: send the email to the customer, through the portal's SMTP server.
        await partner.GetByLabel("To", new() { Exact = true }).FillAsync("admin@woodgrove.onmicrosoft.com");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(partner.Locator(".status")).ToContainTextAsync("Invitation sent to admin@woodgrove.onmicrosoft.com");

        var message = await browser.Smtp.WaitForMessageAsync("admin@woodgrove.onmicrosoft.com");
        var mailedLink = LinkInMail().Match(Mime.DecodeBody(message)).Value;
        Assert.StartsWith(link + "?ref=", mailedLink, StringComparison.Ordinal);

        // The customer follows the link, signs in, accepts the Microsoft Customer Agreement and the relationship (step 5 note).
        var customer = await browser.NewPageAsync();
        await customer.GotoAsync(mailedLink);
        await Assertions.Expect(customer.GetByTestId("admin-center")).ToHaveTextAsync("Microsoft 365 admin center");
        await Assertions.Expect(customer.GetByTestId("partner-name")).ToHaveTextAsync("Contoso Cloud Partners");
        await customer.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await customer.GetByLabel("Email").FillAsync(CustomerAdmin("woodgrove"));
        await customer.GetByLabel("Password").FillAsync(Seeding.DemoDirectory.Password);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await customer.GetByLabel("I accept the Microsoft Customer Agreement on behalf of my organization.").CheckAsync();
        await BrowserFixture.ScreenshotAsync(customer, "seed000-step5-customer-accepts");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();
        await Assertions.Expect(customer.Locator(".status")).ToHaveTextAsync("You accepted the reseller relationship with Contoso Cloud Partners.");
        await Assertions.Expect(customer.Locator("[data-partner='Contoso Cloud Partners'] [data-testid=delegated-admin]")).ToHaveTextAsync("Azure Active Directory, Office 365");
        await BrowserFixture.ScreenshotAsync(customer, "seed003-step4-partner-relationships");

        // Step 5-6: the customer appears on the partner's Customers page; expand the record with the down arrow.
        await partner.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        var record = partner.Locator("details.customer[data-customer='Woodgrove Bank']");
        await record.Locator("summary").ClickAsync();
        await Assertions.Expect(record.GetByTestId("dap-Office365")).ToHaveTextAsync("Yes");
        await Assertions.Expect(record).ToContainTextAsync("woodgrove.onmicrosoft.com");
        await BrowserFixture.ScreenshotAsync(partner, "seed000-step6-customers");

        await partner.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await Assertions.Expect(partner.GetByTestId("status").First).ToContainTextAsync("Accepted by Woodgrove Bank");
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/AdminCenter/Invitation/[A-Za-z0-9_-]{22}\?ref=[0-9a-f-]{36}")]
    private static partial Regex LinkInMail();
}
