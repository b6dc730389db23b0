using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 9 part 4: two portal processes on one database, as behind a load balancer. Each is a separate OS process with its
/// own home folder, so they share nothing but PostgreSQL: a session, an antiforgery token and a wizard's protected field
/// made by one are accepted by the other.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private readonly List<Process> _nodes = [];
    private readonly List<string> _homes = [];
    private string _connectionString = string.Empty;
    private string _first = string.Empty;
    private string _second = string.Empty;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync();
        _first = await StartNodeAsync();
        _second = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            node.Dispose();
        }

        _homes.ForEach(h => Directory.Delete(h, recursive: true));
        await TestDatabase.DropAsync(_connectionString);
    }

    private async Task<string> StartNodeAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "PartnerPortal.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var bin = Path.Combine(root, "src", "PartnerPortal.Web", "bin", "Release", "net10.0");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var home = Directory.CreateTempSubdirectory("pp-node-").FullName;
        _homes.Add(home);
        var start = new ProcessStartInfo("dotnet", ["PartnerPortal.Web.dll", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["HOME"] = home,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Portal"] = _connectionString,
                ["DemoData__Load"] = "false",
                ["Mfa__RequiredForPartnerUsers"] = "false",
                ["Serilog__MinimumLevel__Default"] = "Warning",
            },
        };
        var node = Process.Start(start)!;
        node.OutputDataReceived += (_, _) => { };
        node.ErrorDataReceived += (_, _) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        _nodes.Add(node);

        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode)
                {
                    return url;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("A portal process did not start.");
    }

    [Fact]
    public async Task A_session_a_form_token_and_a_wizard_started_on_one_process_continue_on_the_other()
    {
        // Cookies do not depend on the port, so one cookie jar serves both processes, as one site behind a load balancer.
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true };
        using var http = new HttpClient(handler);
        var client = new PortalClient(http);

        var home = await client.SignInAtAsync(_first, Partner("fabrikam", PartnerRole.AdminAgent));
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal("/Customers", (await client.GetAsync(_second + "/Customers")).Url.AbsolutePath);

        // The wizard: details and subscriptions on the first process, review drawn (with its protected password) there too,
        // Submit on the second.
        await using var db = TestDatabase.OpenSystemContext(_connectionString);
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var details = await client.GetAsync($"{_first}/IndirectResellers/AddCustomer?reseller={northwind.Id}");
        var subscriptions = await client.SubmitAsync(details, "#new-customer", new Dictionary<string, object?>
        {
            ["Input.CompanyName"] = "Two Node Co",
            ["Input.DomainPrefix"] = "twonode",
            ["Input.Country"] = "US",
            ["Input.AddressLine1"] = "1 Way",
            ["Input.City"] = "Denver",
            ["Input.PostalCode"] = "80201",
            ["Input.ContactName"] = "Kim",
            ["Input.ContactEmail"] = "kim@twonode.example",
            ["Input.Phone"] = "+1 303 555 0100",
        }, handler: "Subscriptions");
        var e3 = subscriptions.Find("[data-offer='Microsoft 365 E3'] input")!.GetAttribute("name")!;
        var review = await client.SubmitAsync(subscriptions, "#new-customer", new Dictionary<string, object?> { [e3] = "5" }, handler: "Review");
        var onSecond = new Page(review.Status, new Uri(_second + review.Url.PathAndQuery), review.Document);
        var confirmation = await client.SubmitAsync(onSecond, "#new-customer", handler: "Submit");
        Assert.StartsWith(_second, confirmation.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("admin@twonode.onmicrosoft.com", confirmation.Find("[data-testid=admin-user-name]")!.TextContent);
        var password = confirmation.Find("[data-testid=temporary-password]")!.TextContent;

        // The password drawn on the first process signs the new admin in on the second.
        using var adminHandler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var adminHttp = new HttpClient(adminHandler);
        var admin = await new PortalClient(adminHttp).SignInAtAsync(_second, "admin@twonode.onmicrosoft.com", password);
        Assert.Equal("/Account/ChangePassword", admin.Url.AbsolutePath);
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
