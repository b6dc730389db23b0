using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// A database made by the first released schema (the hand-written migration of commit 2cb18cb, dumped with its demo data)
/// must upgrade to the latest migration without losing a row or a value, and end with exactly a new database's schema.
/// </summary>
public class MigrationUpgradeTests
{
    private static readonly string DumpPath = Path.Combine(AppContext.BaseDirectory, "Integration", "Fixtures", "schema-2cb18cb-with-demo-data.sql");

    [Fact]
    public async Task A_database_from_the_first_release_upgrades_without_loss()
    {
        var upgraded = await TestDatabase.CreateEmptyAsync();
        var fresh = await TestDatabase.CreateEmptyAsync();
        try
        {
            await ExecuteScriptAsync(upgraded, await File.ReadAllTextAsync(DumpPath));
            var legacyColumns = await ColumnsByTableAsync(upgraded);
            var before = await FingerprintAsync(upgraded, legacyColumns);
            Assert.Contains(before, t => t.Table == "Customers" && t.Rows > 0);

            await using (var db = TestDatabase.OpenSystemContext(upgraded))
            {
                await db.Database.MigrateAsync();
            }

            await using (var db = TestDatabase.OpenSystemContext(fresh))
            {
                await db.Database.MigrateAsync();
            }

            foreach (var query in SchemaDriftTests.SchemaQueries)
            {
                Assert.Equal(await SchemaDriftTests.ReadAsync(fresh, query), await SchemaDriftTests.ReadAsync(upgraded, query));
            }

            // Every table and column of the old schema still holds what it held (columns added since are not in the print).
            Assert.Equal(before, await FingerprintAsync(upgraded, legacyColumns));
        }
        finally
        {
            await TestDatabase.DropAsync(upgraded);
            await TestDatabase.DropAsync(fresh);
        }
    }

    private sealed record TablePrint(string Table, long Rows, string Digest);

    private static async Task<Dictionary<string, List<string>>> ColumnsByTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new Dictionary<string, List<string>>();
        var tables = await ReadStringsAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory' ORDER BY 1");
        foreach (var table in tables)
        {
            columns[table] = await ReadStringsAsync(connection, $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY 1");
        }

        return columns;
    }

    /// <summary>Per table: the row count and an md5 over every row's values in the given columns.</summary>
    private static async Task<List<TablePrint>> FingerprintAsync(string connectionString, Dictionary<string, List<string>> columns)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var prints = new List<TablePrint>();
        foreach (var (table, names) in columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var list = string.Join(", ", names.Select(c => $"\"{c}\""));
            var sql = $"SELECT count(*), coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '') FROM (SELECT {list} FROM \"{table}\") r";
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            prints.Add(new TablePrint(table, reader.GetInt64(0), reader.GetString(1)));
        }

        return prints;
    }

    private static async Task<List<string>> ReadStringsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task ExecuteScriptAsync(string connectionString, string script)
    {
        // The dump sets the session's search_path; a connection of its own keeps that out of the pool.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync();
    }
}
