using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Browser;

/// <summary>The browser fixture with a clock the test moves and the admin relationship job run by the test.</summary>
public sealed class GdapBrowserFixture : BrowserFixture
{
    public MovableClock MovableClock { get; } = new();

    protected override TimeProvider? Clock => MovableClock;

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["AdminRelationships:JobPollSeconds"] = "3600" };

    public async Task RunJobAsync()
    {
        var job = Factory.Services.GetRequiredService<AdminRelationshipJob>();
        for (var attempt = 0; attempt < 100 && !(await job.RunOnceAsync()).Ran; attempt++)
        {
            await Task.Delay(50);
        }
    }
}

/// <summary>
/// Issue 10 in Chromium, in three languages: a partner requests an admin relationship and copies the link from the draft
/// email; the customer's admin approves it in Russian; the partner gives its roles to a security group and only the group's
/// member sees the customer's users; time passes; the expiring page (in Chinese) shows it on its tile, downloads the CSV and
/// turns on auto-extend; the relationship rolls on; the customer terminates it; a second request is rejected and a third
/// withdrawn by the partner.
/// </summary>
public class AdminRelationshipWalkthrough(GdapBrowserFixture browser) : IClassFixture<GdapBrowserFixture>
{
    private static async Task UseLanguageAsync(IPage page, string culture)
    {
        await page.Locator("#culture").SelectOptionAsync(culture);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email);
        return page;
    }

    private static async Task<string> RequestAsync(IPage partner, string name, string? domain, params string[] roles)
    {
        await partner.GotoAsync("/AdminRelationships");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Request admin relationship" }).ClickAsync();
        await partner.GetByLabel("Admin relationship name").FillAsync(name);
        if (domain is not null)
        {
            await partner.GetByLabel("Customer's domain (optional)").FillAsync(domain);
        }

        await partner.GetByLabel("Duration in days").FillAsync("60");
        foreach (var role in roles)
        {
            await partner.Locator($"input[data-role='{role}']").CheckAsync();
        }

        await partner.GetByRole(AriaRole.Button, new() { Name = "Next: Review the email" }).ClickAsync();
        return await partner.GetByTestId("invitation-link").InputValueAsync();
    }

    [Fact]
    public async Task Request_approve_assign_expire_extend_and_terminate_in_three_languages()
    {
        // The partner asks Litware for two roles and copies the link from the draft email.
        var partner = await SignedInAsync(Partner("contoso", PartnerRole.AdminAgent));
        var link = await RequestAsync(partner, "Litware support", "litware.onmicrosoft.com", "Directory Readers", "User Administrator");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" }).ClickAsync();
        await Assertions.Expect(partner.Locator("#copy-status")).ToHaveTextAsync("Copied");
        Assert.Contains(link, await partner.EvaluateAsync<string>("navigator.clipboard.readText()"), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(link), await partner.GetByRole(AriaRole.Link, new() { Name = "Open in email" }).GetAttributeAsync("href"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(partner, "gdap-1-draft");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(partner.GetByTestId("status")).ToHaveTextAsync("Approval pending");

        // Litware's admin opens the link, reads the request in Russian, and approves it.
        var customer = await SignedInAsync(CustomerAdmin("litware"));
        await customer.GotoAsync(new Uri(link).PathAndQuery);
        await UseLanguageAsync(customer, "ru");
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("Одобрение связи администрирования");
        await Assertions.Expect(customer.GetByTestId("roles")).ToContainTextAsync("Читатели каталогов");
        await Assertions.Expect(customer.GetByTestId("duration")).ToHaveTextAsync("60 дней");
        await BrowserFixture.ScreenshotAsync(customer, "gdap-2-customer-approves-ru");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Одобрить" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".status")).ToContainTextAsync("Вы одобрили связь администрирования «Litware support»");

        // The Global admin makes a group with the Sales agent; the Admin agent gives it Directory Readers on the relationship.
        var globalAdmin = await SignedInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        await globalAdmin.Locator("nav.menu").GetByRole(AriaRole.Link, new() { Name = "Security groups" }).ClickAsync();
        await globalAdmin.Locator("#group-name").FillAsync("Litware desk");
        await globalAdmin.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await globalAdmin.Locator("#user").SelectOptionAsync(new SelectOptionValue { Label = Partner("contoso", PartnerRole.SalesAgent) });
        await globalAdmin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(globalAdmin.Locator($"tr[data-member='{Partner("contoso", PartnerRole.SalesAgent)}']")).ToBeVisibleAsync();

        await partner.ReloadAsync();
        await Assertions.Expect(partner.GetByTestId("status")).ToHaveTextAsync("Active");
        await partner.Locator("#group").SelectOptionAsync(new SelectOptionValue { Label = "Litware desk" });
        await partner.Locator("#assign-access input[data-role='Directory Readers']").CheckAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Assertions.Expect(partner.Locator("tr[data-group='Litware desk']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(partner, "gdap-3-assigned");

        // The member sees Litware's users; a colleague outside the group does not.
        var sales = await SignedInAsync(Partner("contoso", PartnerRole.SalesAgent));
        await sales.GotoAsync("/Customers?q=Litware");
        await sales.Locator("details[data-customer='Litware Inc.'] summary").ClickAsync();
        await Assertions.Expect(sales.Locator("details[data-customer='Litware Inc.'] [data-testid=customer-users]")).ToContainTextAsync(CustomerAdmin("litware"));
        var userManager = await SignedInAsync(Partner("contoso", PartnerRole.UserManagementAdmin));
        await userManager.GotoAsync("/Customers?q=Litware");
        await userManager.Locator("details[data-customer='Litware Inc.'] summary").ClickAsync();
        await Assertions.Expect(userManager.Locator("details[data-customer='Litware Inc.'] [data-testid=no-admin-role]")).ToBeVisibleAsync();

        // 55 days later it ends within 7 days: the expiring page, in Chinese, counts it on its tile and lists it there.
        // (Sessions do not last 55 days: everyone signs in again.)
        browser.MovableClock.Advance(TimeSpan.FromDays(55));
        await browser.RunJobAsync();
        partner = await SignedInAsync(Partner("contoso", PartnerRole.AdminAgent));
        await partner.GotoAsync("/AdminRelationships");
        await UseLanguageAsync(partner, "zh-Hans");
        await Assertions.Expect(partner.Locator("h1")).ToHaveTextAsync("管理关系");
        Assert.True(int.Parse(await partner.GetByTestId("tile-count-7").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await partner.Locator("a[data-tile='7']").ClickAsync();
        await Assertions.Expect(partner.Locator("tr[data-relationship='Litware support']")).ToContainTextAsync("即将过期");
        await BrowserFixture.ScreenshotAsync(partner, "gdap-4-expiring-zh");
        var download = await partner.RunAndWaitForDownloadAsync(() => partner.Locator("#download-csv").ClickAsync());
        Assert.Contains("Litware support", await File.ReadAllTextAsync((await download.PathAsync())!), StringComparison.Ordinal);

        // Auto-extend on, from the list; past the end it rolls on by 180 days instead of expiring.
        await partner.Locator("tr[data-relationship='Litware support'] input[name=Selected]").CheckAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "开启自动延期" }).ClickAsync();
        await Assertions.Expect(partner.Locator("h1")).ToContainTextAsync("正在为 1 个管理关系启用自动延期");
        await Assertions.Expect(partner.Locator("[data-state=Changed]")).ToHaveTextAsync("已更改: 1");
        await BrowserFixture.ScreenshotAsync(partner, "gdap-4b-bulk-change-zh");
        browser.MovableClock.Advance(TimeSpan.FromDays(6));
        await browser.RunJobAsync();
        partner = await SignedInAsync(Partner("contoso", PartnerRole.AdminAgent));
        await partner.GotoAsync("/AdminRelationships?q=Litware%20support");
        await Assertions.Expect(partner.Locator("tr[data-relationship='Litware support']")).ToContainTextAsync("Active");

        // Litware's admin terminates it on Partner relationships; the member loses the view at once.
        customer = await SignedInAsync(CustomerAdmin("litware"));
        await customer.GotoAsync("/AdminCenter/PartnerRelationships");
        await UseLanguageAsync(customer, "ru");
        await customer.Locator("tr[data-relationship='Litware support'] button").ClickAsync();
        await Assertions.Expect(customer.Locator("tr[data-relationship='Litware support']")).ToContainTextAsync("Расторгнуто клиентом");
        await BrowserFixture.ScreenshotAsync(customer, "gdap-5-terminated-by-customer-ru");
        sales = await SignedInAsync(Partner("contoso", PartnerRole.SalesAgent));
        await sales.GotoAsync("/Customers?q=Litware");
        await sales.Locator("details[data-customer='Litware Inc.'] summary").ClickAsync();
        await Assertions.Expect(sales.Locator("details[data-customer='Litware Inc.'] [data-testid=no-admin-role]")).ToBeVisibleAsync();

        // A second request is rejected by the customer; a third is withdrawn by the partner.
        var second = await RequestAsync(partner, "Litware mail", "litware.onmicrosoft.com", "Exchange Administrator");
        await customer.GotoAsync(new Uri(second).PathAndQuery);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Отклонить" }).ClickAsync();
        await Assertions.Expect(customer.GetByTestId("outcome")).ToContainTextAsync("Вы отклонили запрос Contoso Cloud Partners");
        await partner.GotoAsync("/AdminRelationships?q=Litware%20mail");
        await Assertions.Expect(partner.Locator("tr[data-relationship='Litware mail']")).ToContainTextAsync("Rejected by the customer");

        await RequestAsync(partner, "Litware security", "litware.onmicrosoft.com", "Security Reader");
        await partner.GetByRole(AriaRole.Link, new() { Name = "Done" }).ClickAsync();
        await partner.Locator("#terminate").ClickAsync();
        await partner.Locator("#confirm-terminate").ClickAsync();
        await Assertions.Expect(partner.GetByTestId("status")).ToHaveTextAsync("Withdrawn");
        await BrowserFixture.ScreenshotAsync(partner, "gdap-6-withdrawn");
    }
}
