using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;
using static PartnerPortal.Web.Tests.Infrastructure.GdapFlows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 21 part 2: the portal on a primary with a synchronous hot standby, its connection string naming both
/// (Target Session Attributes=primary). Under a steady stream of writes through the pages and the API the primary is stopped
/// as a crash would stop it and the standby promoted: people see the "temporarily unavailable" page and scripts Graph's 503
/// meanwhile, never a 500; the portal answers again soon after the promotion without a restart; every write that was
/// answered as done is on the new primary.
/// </summary>
public sealed class FailoverTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const string Database = "pp_failover";
    private PostgresCluster? _primary;
    private PostgresCluster? _standby;
    private PortalFactory? _factory;

    public async Task InitializeAsync()
    {
        _primary = PostgresCluster.Create("failover-primary");
        _standby = _primary.CreateStandby("failover-standby");
        await using (var admin = new NpgsqlConnection(_primary.ConnectionString()))
        {
            await admin.OpenAsync();
            await Execute(admin, "ALTER SYSTEM SET synchronous_standby_names = '*'");
            await Execute(admin, "SELECT pg_reload_conf()");
            await WaitForSyncStandbyAsync(admin);
            await Execute(admin, $"CREATE DATABASE {Database}");
        }

        var connection = $"Host={_primary.Host},{_standby.Host};Username=postgres;Database={Database};Target Session Attributes=primary;Host Recheck Seconds=1;Timeout=3";
        // The API writer sends as fast as the machine allows; on a fast run that passes the per-application limit (1,200 a
        // minute) within seconds, and a 429 would say nothing about failover. The limit has its own test (ApiRateLimitTests).
        _factory = new PortalFactory(connection, loadDemoData: true, settings: new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "1000000" });
        _ = _factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        _primary?.Destroy();
        _standby?.Destroy();
    }

    [Fact]
    public async Task Writes_through_pages_and_api_survive_promoting_the_synchronous_standby()
    {
        var factory = _factory!;
        using var admin = new PortalClient(factory);
        await admin.SignInAsync(Partner("contoso", PartnerRole.GlobalAdmin));
        var token = await ApiTokenAsync(factory, admin);

        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var users = new ConcurrentBag<string>();
        var relationships = new ConcurrentBag<string>();
        var unavailablePages = 0;
        var graphUnavailable = 0;
        var successes = new ConcurrentBag<(string Door, long At)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        void Count(HttpStatusCode status) => statuses.AddOrUpdate(status, 1, (_, n) => n + 1);

        async Task PageWriterAsync(int writer)
        {
            using var manager = new PortalClient(factory);
            await manager.SignInAsync(Partner("contoso", PartnerRole.UserManagementAdmin));
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var form = await manager.GetAsync("/Users/Create");
                Count(form.Status);
                if (form.Status != HttpStatusCode.OK)
                {
                    if (form.Find("[data-testid=unavailable]") is not null)
                    {
                        Interlocked.Increment(ref unavailablePages);
                    }

                    await Task.Delay(200);
                    continue;
                }

                var email = $"failover.{writer}.{n:0000}@contoso.example";
                var created = await manager.SubmitAsync(form, "main form", new Dictionary<string, object?>
                {
                    ["Input.DisplayName"] = "Failover " + n,
                    ["Input.Email"] = email,
                    ["Input.Roles"] = new[] { PartnerRole.SalesAgent },
                });
                Count(created.Status);
                if (created.Status == HttpStatusCode.OK && created.Find("[data-testid=temporary-password]") is not null)
                {
                    users.Add(email);
                    successes.Add(("pages", clock.ElapsedMilliseconds));
                }
                else if (created.Find("[data-testid=unavailable]") is not null)
                {
                    Interlocked.Increment(ref unavailablePages);
                }
            }
        }

        async Task ApiWriterAsync()
        {
            using var http = factory.CreateClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var name = $"failover-{n:0000}";
                using var response = await http.PostAsJsonAsync("/v1.0/tenantRelationships/delegatedAdminRelationships", new
                {
                    displayName = name,
                    duration = "P90D",
                    accessDetails = new { unifiedRoles = new[] { new { roleDefinitionId = Role("Directory Readers").ToString() } } },
                });
                Count(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    relationships.Add(name);
                    successes.Add(("api", clock.ElapsedMilliseconds));
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    var error = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal("ServiceUnavailable", error.GetProperty("error").GetProperty("code").GetString());
                    Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                    Interlocked.Increment(ref graphUnavailable);
                    await Task.Delay(200);
                }
            }
        }

        var writers = new[] { Task.Run(() => PageWriterAsync(1)), Task.Run(() => PageWriterAsync(2)), Task.Run(ApiWriterAsync) };
        await Task.Delay(3000);
        var beforeCrash = users.Count + relationships.Count;

        _primary!.StopImmediately();
        await Task.Delay(3000);
        var promotedAt = clock.ElapsedMilliseconds;
        _standby!.Promote();
        await Task.Delay(6000);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        long Recovery(string door) => successes.Where(x => x.Door == door && x.At > promotedAt).Select(x => x.At - promotedAt).DefaultIfEmpty(long.MaxValue).Min();
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"));
        output.WriteLine($"Responses {summary}; users created {users.Count}, relationships created {relationships.Count}; 503 pages {unavailablePages}, Graph 503s {graphUnavailable}; first success after the promotion: pages +{Recovery("pages")} ms, API +{Recovery("api")} ms");
        Assert.True(beforeCrash > 0, "No write succeeded before the primary stopped: " + summary);
        Assert.False(statuses.ContainsKey(HttpStatusCode.InternalServerError), "A request failed with 500: " + summary);
        Assert.All(statuses.Keys, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        Assert.True(unavailablePages > 0, "The 503 page was never shown: " + summary);
        Assert.True(graphUnavailable > 0, "The API never answered 503: " + summary);

        // Both doors answer again within 10 s of the promotion, without a restart.
        Assert.InRange(Recovery("pages"), 0, 10_000);
        Assert.InRange(Recovery("api"), 0, 10_000);

        // Every write answered as done is on the new primary.
        await using var db = new NpgsqlConnection(_standby.ConnectionString(Database));
        await db.OpenAsync();
        await using (var recovery = new NpgsqlCommand("SELECT pg_is_in_recovery()", db))
        {
            Assert.False((bool)(await recovery.ExecuteScalarAsync())!);
        }

        var storedUsers = await ReadAsync(db, """SELECT "Email" FROM "AspNetUsers" WHERE "Email" LIKE 'failover.%'""");
        var storedRelationships = await ReadAsync(db, """SELECT "DisplayName" FROM "AdminRelationships" WHERE "DisplayName" LIKE 'failover-%'""");
        Assert.Empty(users.Except(storedUsers));

        // Nothing half-made: no account the crash left without its roles.
        var withoutRoles = await ReadAsync(db, """SELECT u."Email" FROM "AspNetUsers" u WHERE u."Email" LIKE 'failover.%' AND NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" r WHERE r."UserId" = u."Id")""");
        Assert.Empty(withoutRoles);
        Assert.Empty(relationships.Except(storedRelationships));
        Assert.True(!users.IsEmpty && !relationships.IsEmpty, summary);
    }

    private static async Task<string> ApiTokenAsync(PortalFactory factory, PortalClient admin)
    {
        var page = await admin.GetAsync("/ApiApplications");
        var registered = await admin.SubmitAsync(page, "#register-application", new Dictionary<string, object?>
        {
            ["Name"] = "Failover script",
            ["Roles"] = new[] { PartnerRole.AdminAgent },
            ["LifetimeDays"] = "30",
        });
        using var http = factory.CreateClient();
        using var response = await http.PostAsync("/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = registered.Find("[data-testid=client-id]")!.TextContent,
            ["client_secret"] = registered.Find("[data-testid=client-secret]")!.TextContent,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<HashSet<string>> ReadAsync(NpgsqlConnection db, string sql)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForSyncStandbyAsync(NpgsqlConnection admin)
    {
        for (var i = 0; i < 100; i++)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming' AND sync_state = 'sync'", admin);
            if ((long)(await command.ExecuteScalarAsync())! == 1)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The standby never became a synchronous streaming replica.");
    }
}
