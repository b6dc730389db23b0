using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the test run. With PARTNERPORTAL_TEST_ADMIN_CONNECTION set, that server is used; otherwise a
/// throwaway cluster is created with the Debian binaries (<see cref="PostgresCluster"/>, fsync off) and removed when the run ends.
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

        var cluster = PostgresCluster.Create("test-pg", "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Destroy();
        return cluster.ConnectionString();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
