using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>
/// Issue 19 in Chromium, with the onboarding job running in the background as in production: a partner builds an access
/// template, selects two customers on Customers and onboards them; Adatum's admin approves the emailed request (its link read
/// from the outbox); the batch page, refreshing itself, reaches Active for Adatum with no one assigning groups; a removed
/// assignment shows as a drift on Access health and Re-assign groups fixes it; the same pages render in Russian and Chinese.
/// </summary>
public class OnboardingWalkthrough(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Build_a_template_onboard_a_selection_approve_one_and_see_it_reach_Active()
    {
        var partner = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(partner, Partner("contoso", PartnerRole.AdminAgent));

        // Access templates > Copy the Helpdesk starter, choose a group, save.
        await partner.GotoAsync("/AccessTemplates");
        await partner.Locator("tr[data-starter='helpdesk']").GetByRole(AriaRole.Link, new() { Name = "Copy" }).ClickAsync();
        await partner.GetByLabel("Name").FillAsync("Walkthrough helpdesk");
        await partner.GetByLabel("Security group").SelectOptionAsync(new SelectOptionValue { Label = "Contoso helpdesk" });
        await partner.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(partner.Locator("tr[data-template='Walkthrough helpdesk']")).ToContainTextAsync("Helpdesk Administrator");

        // Customers: select Adatum and Litware, Onboard selected customers, preview, start.
        await partner.GotoAsync("/Customers");
        await partner.GetByLabel("Select Adatum Corporation").CheckAsync();
        await partner.GetByLabel("Select Litware Inc.").CheckAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Onboard selected customers" }).ClickAsync();
        await Assertions.Expect(partner.GetByTestId("chosen")).ToContainTextAsync("Adatum Corporation, Litware Inc.");
        await partner.GetByLabel("Access template").SelectOptionAsync(new SelectOptionValue { Label = "Walkthrough helpdesk" });
        await partner.GetByRole(AriaRole.Button, new() { Name = "Next: Preview" }).ClickAsync();
        await Assertions.Expect(partner.GetByTestId("preview-summary")).ToContainTextAsync("2 of 2 rows");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Start onboarding" }).ClickAsync();
        var adatumRow = partner.Locator("tr[data-domain='adatum.onmicrosoft.com']");
        await Assertions.Expect(adatumRow).ToHaveAttributeAsync("data-state", "AwaitingApproval", new() { Timeout = 15000 });
        var batchUrl = partner.Url;

        // Adatum's admin opens the emailed link and approves.
        string link;
        await using (var db = TestDatabase.OpenSystemContext(browser.Factory.ConnectionString))
        {
            var body = db.SentInvitations.Where(s => s.Recipients.Contains("adatum")).OrderByDescending(s => s.SentAt).Select(s => s.Body).First();
            link = body.Split('\n').First(l => l.Contains("/AdminCenter/AdminRelationship/", StringComparison.Ordinal)).Trim();
        }

        var admin = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, CustomerAdmin("adatum"));
        await admin.GotoAsync(link);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        // The batch page reaches Active for Adatum by itself; Litware still waits.
        await partner.GotoAsync(batchUrl);
        for (var i = 0; i < 40 && await adatumRow.GetAttributeAsync("data-state") != "Active"; i++)
        {
            await partner.WaitForTimeoutAsync(500);
            await partner.ReloadAsync();
        }

        await Assertions.Expect(adatumRow).ToHaveAttributeAsync("data-state", "Active");
        await Assertions.Expect(partner.Locator("tr[data-domain='litware.onmicrosoft.com']")).ToHaveAttributeAsync("data-state", "AwaitingApproval");
        await Assertions.Expect(partner.Locator("tr[data-domain='adatum.onmicrosoft.com'] .steps .done")).ToHaveCountAsync(5);
        await BrowserFixture.ScreenshotAsync(partner, "onboarding-batch");

        // A drift: someone removes the helpdesk group's access on Adatum's relationship; Access health shows it, and
        // Re-assign groups puts it right in one click.
        await partner.Locator("tr[data-domain='adatum.onmicrosoft.com']").GetByRole(AriaRole.Link, new() { Name = "Relationship" }).ClickAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Remove access" }).ClickAsync();
        await Assertions.Expect(partner.Locator(".status")).ToContainTextAsync("Access removed.");
        await partner.GotoAsync("/AccessHealth?Problem=Drift");
        var drift = partner.Locator("tr[data-problem=Drift][data-domain='adatum.onmicrosoft.com']");
        await Assertions.Expect(drift).ToContainTextAsync("Groups differ from the template");
        await BrowserFixture.ScreenshotAsync(partner, "access-health-drift");
        await drift.GetByRole(AriaRole.Button, new() { Name = "Re-assign groups" }).ClickAsync();
        await Assertions.Expect(partner.Locator(".status")).ToContainTextAsync("The template's groups hold their roles again (1 changed).");
        await Assertions.Expect(drift).ToHaveCountAsync(0);
        await partner.GotoAsync(batchUrl);

        // The same pages in Russian and Chinese.
        foreach (var (culture, heading, templates, health) in new[] { ("ru", "Подключение по шаблону Walkthrough helpdesk", "Шаблоны доступа", "Состояние доступа"), ("zh-Hans", "使用 Walkthrough helpdesk 加入", "访问模板", "访问运行状况") })
        {
            await partner.Locator("#culture").SelectOptionAsync(culture);
            await partner.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(partner.Locator("h1")).ToHaveTextAsync(heading);
            await partner.GotoAsync("/AccessTemplates");
            await Assertions.Expect(partner.Locator("h1")).ToHaveTextAsync(templates);
            await partner.GotoAsync("/AccessHealth");
            await Assertions.Expect(partner.Locator("h1")).ToHaveTextAsync(health);
            await partner.GotoAsync(batchUrl);
        }

        await BrowserFixture.ScreenshotAsync(partner, "onboarding-batch-zh");
        await partner.Locator("#culture").SelectOptionAsync("en");
    }
}
