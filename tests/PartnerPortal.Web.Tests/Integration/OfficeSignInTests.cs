using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Seeding;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>The sign-in limits a portal ships with (issue 21 part 1), on real connections from one address (Kestrel on loopback).</summary>
public abstract class LoopbackPortal(IDictionary<string, string?> settings) : IsolatedPortal(Shipped(settings))
{
    private string? _address;

    /// <summary>The product's own limits, not the test suite's relaxed ones, plus the class's settings.</summary>
    private static Dictionary<string, string?> Shipped(IDictionary<string, string?> settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Throttling:SignInPerAccount"] = "10",
            ["Throttling:FailedSignInsPerClient"] = "100",
            ["Throttling:SignInPostsPerClient"] = "1000",
            ["Throttling:SignUpPerClient"] = "5",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return values;
    }

    protected string Address => _address ??= Factory.StartOnLoopback();

    /// <summary>A browser of its own (cookies) on the portal's real address, optionally behind a proxy that forwards <paramref name="forwardedFor"/>.</summary>
    protected PortalClient Browser(string? culture = null, string? forwardedFor = null) => BrowserAt(Address, culture, forwardedFor);

    /// <summary>The same, on another portal's address.</summary>
    protected static PortalClient BrowserAt(string address, string? culture = null, string? forwardedFor = null)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(address) };
        if (culture is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        }

        if (forwardedFor is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }

        return new PortalClient(http);
    }
}

public sealed class OfficeSignInTests() : LoopbackPortal(new Dictionary<string, string?>())
{
    [Fact]
    public async Task Two_hundred_people_behind_one_address_all_sign_in_while_a_guesser_is_stopped_per_name()
    {
        var emails = await CreateOfficeAsync(200);
        var signedIn = 0;
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (email, _) =>
        {
            using var browser = Browser();
            var home = await browser.SignInAsync(email);
            Assert.Equal(HttpStatusCode.OK, home.Status);
            Assert.Equal("/", home.Url.AbsolutePath);
            Interlocked.Increment(ref signedIn);
        });
        Assert.Equal(200, signedIn);

        // From the same address: ten wrong passwords for one name, and the eleventh attempt is refused, saying how long to wait...
        using var guesser = Browser();
        var target = emails[0];
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await guesser.SignInAsync(target, "wrong-password-" + i)).Status);
        }

        var refused = await guesser.SignInAsync(target, DemoDirectory.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("Too many failed sign-in attempts for this account. Try again in 5 minutes, or sign in with another account.", refused.Errors);

        // ...while the right password for another name, from that address, still works.
        using var colleague = Browser();
        Assert.Equal("/", (await colleague.SignInAsync(emails[1])).Url.AbsolutePath);
    }

    [Fact]
    public async Task Without_a_configured_proxy_a_forwarded_address_is_not_believed()
    {
        // Failed sign-ins per address are counted on the connection's address: claiming other addresses changes nothing.
        var emails = await CreateOfficeAsync(3, "spoof");
        using var limited = new PortalFactory(Factory.ConnectionString, settings: new Dictionary<string, string?> { ["Throttling:FailedSignInsPerClient"] = "4", ["Throttling:SignInPerAccount"] = "100" });
        var address = limited.StartOnLoopback();
        for (var i = 0; i < 4; i++)
        {
            using var forged = BrowserAt(address, forwardedFor: $"198.51.100.{i + 1}");
            Assert.Equal(HttpStatusCode.OK, (await forged.SignInAsync($"nobody{i}@spoof.example", "wrong-password")).Status);
        }

        using var next = BrowserAt(address, forwardedFor: "198.51.100.200");
        var refused = await next.SignInAsync(emails[0]);
        Assert.True(HttpStatusCode.TooManyRequests == refused.Status, refused.Url + " " + refused.Text);
        Assert.Contains(refused.Errors, e => e.StartsWith("Too many failed sign-in attempts from your network.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_is_counted_apart()
    {
        var emails = await CreateOfficeAsync(1, "proxied");
        using var proxied = new PortalFactory(Factory.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Throttling:FailedSignInsPerClient"] = "4",
            ["Throttling:SignInPerAccount"] = "100",
            ["Portal:KnownNetworks:0"] = "127.0.0.0/8",
        });
        var address = proxied.StartOnLoopback();
        for (var i = 0; i < 4; i++)
        {
            using var guesser = BrowserAt(address, forwardedFor: "198.51.100.66");
            Assert.Equal(HttpStatusCode.OK, (await guesser.SignInAsync($"nobody{i}@proxied.example", "wrong-password")).Status);
        }

        using var stopped = BrowserAt(address, forwardedFor: "198.51.100.66");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stopped.SignInAsync(emails[0])).Status);
        using var colleague = BrowserAt(address, forwardedFor: "198.51.100.67");
        var signedIn = await colleague.SignInAsync(emails[0]);
        Assert.True(signedIn.Url.AbsolutePath == "/", signedIn.Status + " " + string.Join("; ", signedIn.Errors));
    }

    /// <summary>Sales agents of Contoso with the demo password (one hash for all: hashing is the sign-in's cost, not the test's).</summary>
    private async Task<List<string>> CreateOfficeAsync(int count, string prefix = "office")
    {
        _ = Address;
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        var contoso = db.Partners.Single(p => p.MpnId == "1000001");
        var hash = users.PasswordHasher.HashPassword(new ApplicationUser(), DemoDirectory.Password);
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}{i:000}@contoso.example";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Office {i}", PartnerId = contoso.Id, PasswordHash = hash };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, PartnerPortal.Domain.Access.PartnerRole.SalesAgent)).Succeeded);
            emails.Add(email);
        }

        return emails;
    }
}

/// <summary>A flood of sign-in posts from one address gets the status page that says what happened and how long to wait.</summary>
public sealed class FloodRefusalTests() : LoopbackPortal(new Dictionary<string, string?> { ["Throttling:SignInPostsPerClient"] = "1" })
{
    [Theory]
    [InlineData("en", "Too many requests", "Too many requests came from your network in a short time. Nothing was changed. Try again in 5 minutes.")]
    [InlineData("ru", "Слишком много запросов", "Из вашей сети за короткое время пришло слишком много запросов. Ничего не изменено. Повторите попытку через 5 минут.")]
    [InlineData("zh-Hans", "请求过多", "短时间内来自您网络的请求过多。未做任何更改。请在 5 分钟后重试。")]
    public async Task The_refusal_page_says_what_happened_and_when_to_try_again_in_the_viewers_language(string culture, string title, string explanation)
    {
        using var browser = Browser(culture);
        await browser.SignInAsync("first@contoso.example", "wrong-password");
        var refused = await browser.SignInAsync("second@contoso.example", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(title, refused.Find("main h1")!.TextContent.Trim());
        Assert.Contains(explanation, refused.Text, StringComparison.Ordinal);
    }
}
