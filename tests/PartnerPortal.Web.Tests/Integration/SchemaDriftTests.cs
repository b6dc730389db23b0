using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// The migrations must produce exactly the schema the model describes: a database built by Migrate() is compared
/// with one built by EnsureCreated(), column by column, index by index, constraint by constraint.
/// </summary>
public class SchemaDriftTests
{
    [Fact]
    public async Task Migrations_match_the_model()
    {
        var migrated = await TestDatabase.CreateEmptyAsync();
        var created = await TestDatabase.CreateEmptyAsync();
        try
        {
            await using (var db = TestDatabase.OpenSystemContext(migrated))
            {
                await db.Database.MigrateAsync();
            }

            await using (var db = TestDatabase.OpenSystemContext(created))
            {
                await db.Database.EnsureCreatedAsync();
            }

            foreach (var query in SchemaQueries)
            {
                var fromMigrations = await ReadAsync(migrated, query);
                var fromModel = await ReadAsync(created, query);
                Assert.Equal(fromModel, fromMigrations);
            }
        }
        finally
        {
            await TestDatabase.DropAsync(migrated);
            await TestDatabase.DropAsync(created);
        }
    }

    internal static readonly string[] SchemaQueries =
    [
        """
        SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' ' || is_nullable || ' ' || coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory' ORDER BY 1
        """,
        "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory' ORDER BY 1",
        """
        SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '"__EFMigrationsHistory"' ORDER BY 1
        """,
    ];

    internal static async Task<List<string>> ReadAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
