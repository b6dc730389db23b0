using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>
/// One database per test class, cloned from a template that was migrated and loaded with the demo data once per run
/// (CREATE DATABASE ... TEMPLATE copies files, so a class starts from the demo state in milliseconds).
/// </summary>
public static class TestDatabase
{
    private const string Template = "pp_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool TemplateReady;

    public static async Task<string> CreateAsync()
    {
        await EnsureTemplateAsync();
        var name = "pp_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {Template}");
        return PostgresServer.ConnectionStringFor(name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>An empty database (no migrations), for the schema-drift test.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = "pp_empty_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return PostgresServer.ConnectionStringFor(name);
    }

    public static PortalDbContext OpenSystemContext(string connectionString) =>
        new((DbContextOptions<PortalDbContext>)PortalDbContext.Configure(new DbContextOptionsBuilder<PortalDbContext>(), connectionString).Options, SystemTenant.Instance);

    private static async Task EnsureTemplateAsync()
    {
        if (TemplateReady)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (TemplateReady)
            {
                return;
            }

            await ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
            await ExecuteAsync($"CREATE DATABASE {Template}");
            var connectionString = PostgresServer.ConnectionStringFor(Template);

            // The real start-up path: migrate, then load the demo data, exactly as scripts/run.sh does.
            await using (var factory = new PortalFactory(connectionString, loadDemoData: true))
            {
                factory.Services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            }

            NpgsqlConnection.ClearAllPools();
            TemplateReady = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
