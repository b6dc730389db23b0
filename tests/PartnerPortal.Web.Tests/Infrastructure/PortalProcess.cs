using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// The portal as a separate OS process (the Release build's PartnerPortal.Web.dll in Production), with a home folder of its own,
/// on a loopback port: it shares nothing with the test or another node but the database and what the caller passes.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _home;

    private PortalProcess(Process process, string home, string url)
    {
        _process = process;
        _home = home;
        Url = url;
    }

    public string Url { get; }

    public int Port => new Uri(Url).Port;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The checkout's root: the folder of PartnerPortal.sln above the test binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "PartnerPortal.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("PartnerPortal.sln not found above the test binaries.");
            }

            return root;
        }
    }

    public static async Task<PortalProcess> StartAsync(string connectionString, IDictionary<string, string>? environment = null)
    {
        var bin = Path.Combine(RepositoryRoot, "src", "PartnerPortal.Web", "bin", "Release", "net10.0");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var home = Directory.CreateTempSubdirectory("pp-node-").FullName;
        var start = new ProcessStartInfo("dotnet", ["PartnerPortal.Web.dll", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["HOME"] = home,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Portal"] = connectionString,
                ["DemoData__Load"] = "false",
                ["Mfa__RequiredForPartnerUsers"] = "false",
                ["Serilog__MinimumLevel__Default"] = "Warning",
                ["HealthDigest__Enabled"] = "false",
            },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new PortalProcess(process, home, $"http://127.0.0.1:{port}");
        // Up to a minute: on a busy 2-core machine, migrations and the first requests of several processes at once take time.
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(node.Url + "/healthz/ready")).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException("A portal process did not start.");
    }

    /// <summary>SIGTERM, as a process manager stops a node: the host stops accepting and finishes what is in flight.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }
}
