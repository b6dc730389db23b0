using Microsoft.Playwright;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// The portal on a real port (Kestrel) over its own database, and Debian's Chromium driven by Playwright. Never runs
/// `playwright install`: the browser is /usr/bin/chromium, installed by scripts/test.sh.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private PortalFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = string.Empty;

    public PortalFactory Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Extra configuration for the portal under test (e.g. the SMTP server).</summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    /// <summary>The portal's clock, when a test moves time.</summary>
    protected virtual TimeProvider? Clock => null;

    public virtual async Task InitializeAsync()
    {
        var connectionString = await TestDatabase.CreateAsync();
        _factory = new PortalFactory(connectionString, settings: Settings(), clock: Clock);
        BaseUrl = _factory.StartOnLoopback();

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARTNERPORTAL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = BaseUrl });
        return await context.NewPageAsync();
    }

    /// <summary>Keeps a picture of what the user saw, under TestResults/screenshots, for people reviewing a run.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public static async Task SignInAsync(IPage page, string email, string password = Seeding.DemoDirectory.Password)
    {
        await page.GotoAsync("/Account/SignIn");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();

        // The click starts a navigation; acting before it lands would act on the sign-in page. Password hashing on two cores
        // busy with the rest of the suite has once taken longer than Playwright's default 30 s.
        await page.WaitForURLAsync(url => !url.Contains("/Account/SignIn", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 90_000 });
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await TestDatabase.DropAsync(_factory.ConnectionString);
        }
    }
}
