using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>The real portal, on a real PostgreSQL database, in the test process.</summary>
public sealed class PortalFactory(string connectionString, bool loadDemoData = false, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        if (clock is not null)
        {
            // The one clock the portal reads (TimeProvider), replaced so a test can move time forward.
            builder.ConfigureServices(services => services.AddSingleton(clock));
        }

        builder.UseStaticWebAssets();

        // Settings the portal reads while registering services (which authentication schemes exist) must be host settings:
        // the app configuration below is only applied when the host is built, after registration.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (key.StartsWith("EntraId:", StringComparison.Ordinal) || key.StartsWith("Portal:", StringComparison.Ordinal) || key.StartsWith("Telemetry:", StringComparison.Ordinal))
            {
                builder.UseSetting(key, value);
            }
        }

        builder.ConfigureAppConfiguration((_, config) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Portal"] = connectionString,
                ["DemoData:Load"] = loadDemoData ? "true" : "false",
                ["Serilog:MinimumLevel:Default"] = Environment.GetEnvironmentVariable("PARTNERPORTAL_TEST_LOG") ?? "Warning",
                ["Mail:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "pp-test-mail", Guid.NewGuid().ToString("N")),
                ["Mail:OutboxPollSeconds"] = "0.2",

                // Most tests sign in demo partner users directly; the tests of multi-factor sign-in and throttling turn these back on.
                ["Mfa:RequiredForPartnerUsers"] = "false",
                ["Throttling:SignInPerAccount"] = "100000",
                ["Throttling:SignInPostsPerClient"] = "100000",
                ["Throttling:FailedSignInsPerClient"] = "100000",
                ["Throttling:SignUpPerClient"] = "100000",

                // The daily health digest would add a message per demo partner to every test's outbox; its own test turns it on.
                ["HealthDigest:Enabled"] = "false",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            config.AddInMemoryCollection(values);
        });
    }

    /// <summary>
    /// Starts the portal in Kestrel on a loopback port the kernel picks while binding, and returns its address. Choosing a free
    /// port first and binding it later races every outgoing connection of the parallel tests, which takes ports from the same
    /// ephemeral range.
    /// </summary>
    public string StartOnLoopback()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }
}
