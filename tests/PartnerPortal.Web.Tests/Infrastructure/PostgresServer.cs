using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the test run. With PARTNERPORTAL_TEST_ADMIN_CONNECTION set, that server is used; otherwise a
/// throwaway cluster is created with the Debian binaries (initdb + pg_ctl, fsync off) and stopped when the run ends.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnection = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string AdminConnectionString => AdminConnection.Value;

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable("PARTNERPORTAL_TEST_ADMIN_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed: run scripts/test.sh, which installs it.");
        var dir = Path.Combine(Path.GetTempPath(), "pp-test-pg-" + Environment.ProcessId);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {dir}");
        }

        var port = FreePort();
        RunPg(asRoot, Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N");
        RunPg(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {dir}/data -l {dir}/log -w -o \"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunPg(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {dir}/data -m immediate stop");
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // Best effort: the folder lives in /tmp.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Include Error Detail=true";
    }

    private static void RunPg(bool asRoot, string exe, string args)
    {
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {exe} {args}");
        }
        else
        {
            Run(exe, args);
        }
    }

    private static void Run(string exe, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {args} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
