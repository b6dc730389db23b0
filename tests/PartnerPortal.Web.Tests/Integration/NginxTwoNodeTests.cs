using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 21 part 3: Debian's nginx on loopback with deploy/nginx.conf (its upstreams pointed at two portal processes) in front
/// of two nodes. A session and a wizard run through the proxy across both nodes; one node is stopped with SIGTERM under load:
/// it finishes what it holds, the proxy sends the rest to the other node, and no request fails.
/// </summary>
public sealed class NginxTwoNodeTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<PortalProcess> _nodes = [];
    private string _connectionString = string.Empty;
    private string _prefix = string.Empty;
    private Process? _nginx;
    private string _proxy = string.Empty;

    private static readonly Dictionary<string, string> Behind = new()
    {
        ["Portal__KnownProxies__0"] = "127.0.0.1",
        ["Telemetry__PrometheusEnabled"] = "true",
    };

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabase.CreateAsync();
        _nodes.Add(await PortalProcess.StartAsync(_connectionString, Behind));
        _nodes.Add(await PortalProcess.StartAsync(_connectionString, Behind));
        _proxy = await StartNginxAsync();
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_prefix.Length > 0)
        {
            Directory.Delete(_prefix, recursive: true);
        }

        await TestDatabase.DropAsync(_connectionString);
    }

    [Fact]
    public async Task A_session_and_a_wizard_cross_nodes_and_stopping_one_under_load_fails_no_request()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(_proxy) };
        var client = new PortalClient(http);
        Assert.Equal("/", (await client.SignInAsync(Partner("fabrikam", PartnerRole.AdminAgent))).Url.AbsolutePath);

        // The wizard's first steps while both nodes serve (round robin: they alternate).
        await using var db = TestDatabase.OpenSystemContext(_connectionString);
        var northwind = await db.Partners.SingleAsync(p => p.MpnId == "3000001");
        var review = await AddCustomerUpToReviewAsync(client, string.Empty, northwind.Id, "Proxied Co", "proxied");

        // Load through the proxy, signed in: the Customers page over and over, from several workers at once.
        var sent = 0;
        var served = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        async Task WorkerAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref sent);
                try
                {
                    using var response = await http.GetAsync("/Customers");
                    var body = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.OK && body.Contains("details", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref served);
                    }
                    else
                    {
                        failures.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    }
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
            }
        }

        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(WorkerAsync)).ToList();
        await Task.Delay(2000);
        var servedByFirst = await RequestsServedAsync(_nodes[0]);
        var servedBySecond = await RequestsServedAsync(_nodes[1]);

        _nodes[0].Terminate();
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _nodes[0].WaitForExitAsync(exit.Token);
        }

        await Task.Delay(2000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // The wizard, begun across both nodes, ends on the one left.
        var confirmation = await client.SubmitAsync(review, "#new-customer", handler: "Submit");
        output.WriteLine($"Through nginx: {sent} sent, {served} served, {failures.Count} failed ({string.Join(", ", failures.Distinct())}); before the stop the nodes had served {servedByFirst} and {servedBySecond} requests; the stopped node exited with {_nodes[0].ExitCode}");
        Assert.Equal("admin@proxied.onmicrosoft.com", confirmation.Find("[data-testid=admin-user-name]")!.TextContent);
        Assert.Empty(failures);
        Assert.Equal(sent, served);
        Assert.True(servedByFirst > 10 && servedBySecond > 10, $"The proxy did not spread the load: {servedByFirst} and {servedBySecond}.");
        Assert.Equal(0, _nodes[0].ExitCode);
    }

    /// <summary>How many requests a node has answered, from its own /metrics (read directly on loopback, not through the proxy).</summary>
    private static async Task<double> RequestsServedAsync(PortalProcess node)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(node.Url + "/metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>nginx with the shipped configuration, its upstreams and listen address moved to loopback ports.</summary>
    private async Task<string> StartNginxAsync()
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(PortalProcess.RepositoryRoot, "deploy", "nginx.conf"));
        var port = PostgresServer.FreePort();
        var config = shipped
            .Replace("server portal1:8080;", $"server 127.0.0.1:{_nodes[0].Port};", StringComparison.Ordinal)
            .Replace("server portal2:8080;", $"server 127.0.0.1:{_nodes[1].Port};", StringComparison.Ordinal)
            .Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        Assert.NotEqual(shipped, config);
        Assert.Contains($"127.0.0.1:{_nodes[1].Port}", config, StringComparison.Ordinal);
        _prefix = Directory.CreateTempSubdirectory("pp-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(_prefix, "logs"));
        var file = Path.Combine(_prefix, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : throw new InvalidOperationException("nginx is not installed: run scripts/test.sh, which installs it.");
        _nginx = Process.Start(new ProcessStartInfo(nginx, ["-p", _prefix, "-c", file, "-e", Path.Combine(_prefix, "logs", "error.log"), "-g", $"daemon off; pid {_prefix}/nginx.pid;"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/healthz/live")).IsSuccessStatusCode)
                {
                    return url;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("nginx did not start: " + await _nginx.StandardError.ReadToEndAsync());
    }
}
