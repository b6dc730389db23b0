using System.Diagnostics;
using Npgsql;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of Debian's binaries (initdb, pg_ctl) on a loopback port, in a folder of its own: the test
/// run's server, and the primary and hot standby of the failover test (pg_basebackup, synchronous streaming, promote).
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<string> Bin = new(() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")).FirstOrDefault()
        ?? throw new InvalidOperationException("PostgreSQL is not installed: run scripts/test.sh, which installs it."));

    private static readonly bool AsRoot = Environment.UserName == "root";

    private readonly string _root;
    private readonly string _options;

    private PostgresCluster(string root, int port, string options)
    {
        _root = root;
        Port = port;
        _options = options;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    private string Data => Path.Combine(_root, "data");

    /// <summary>The superuser's connection string to <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, IncludeErrorDetail = true }.ConnectionString;

    /// <summary>initdb (trust on loopback, replication allowed) and start, with <paramref name="settings"/> as extra "-c" options.</summary>
    public static PostgresCluster Create(string name, string settings = "")
    {
        var cluster = new PostgresCluster(Folder(name), PostgresServer.FreePort(), settings);
        RunPg("initdb", $"-D {cluster.Data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N");
        cluster.Start();
        return cluster;
    }

    /// <summary>A hot standby of this cluster, streaming from it (pg_basebackup -R), started on a port of its own.</summary>
    public PostgresCluster CreateStandby(string name, string settings = "")
    {
        var standby = new PostgresCluster(Folder(name), PostgresServer.FreePort(), settings);
        RunPg("pg_basebackup", $"-h 127.0.0.1 -p {Port} -U postgres -D {standby.Data} -R -X stream");
        standby.Start();
        return standby;
    }

    public void Start() =>
        RunPg("pg_ctl", $"-D {Data} -l {_root}/log -w -o \"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_root} -c fsync=off {_options}\" start");

    /// <summary>Stops as a crash would: no checkpoint, connections cut.</summary>
    public void StopImmediately() => RunPg("pg_ctl", $"-D {Data} -m immediate stop");

    /// <summary>Makes a standby the primary (pg_ctl promote, waiting until it accepts writes).</summary>
    public void Promote() => RunPg("pg_ctl", $"-D {Data} -w promote");

    /// <summary>Stops if running and removes the folder (best effort: it lives in /tmp).</summary>
    public void Destroy()
    {
        try
        {
            RunPg("pg_ctl", $"-D {Data} -m immediate stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Folder(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"pp-{name}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(dir);
        if (AsRoot)
        {
            Run("chown", $"postgres:postgres {dir}");
        }

        return dir;
    }

    private static void RunPg(string tool, string args)
    {
        var exe = Path.Combine(Bin.Value, tool);
        if (AsRoot)
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
}
