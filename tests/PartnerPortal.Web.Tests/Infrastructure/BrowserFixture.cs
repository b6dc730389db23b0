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
        // Twice at most: two runs of the whole suite on a loaded two-core runner have each seen one sign-in whose click left the
        // browser on the sign-in page for 90 s. What that page said is written to the output so the cause can be found; the
        // second attempt is a fresh load of the form, so a stale form cannot be the cause twice.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/Account/SignIn");
            if (attempt > 1 && !page.Url.Contains("/Account/SignIn", StringComparison.Ordinal))
            {
                return; // the first attempt did sign in after all: the sign-in page sent a signed-in browser on
            }

            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();

            // The click starts a navigation; acting before it lands would act on the sign-in page. The wait ends when the next
            // page is committed, not at its load event: every later step waits for the element it acts on anyway.
            try
            {
                await page.WaitForURLAsync(
                    url => !url.Contains("/Account/SignIn", StringComparison.Ordinal),
                    new PageWaitForURLOptions { Timeout = attempt == 1 ? 45_000 : 90_000, WaitUntil = WaitUntilState.Commit });
                return;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                var text = await page.Locator("main").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no main)", TaskScheduler.Default);
                Console.WriteLine($"Sign-in of {email} stayed on {page.Url} for 45 s; the page said: {text[..Math.Min(text.Length, 500)]}");
            }
        }
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
