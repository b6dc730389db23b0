using System.Net;
using Npgsql;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Tests.Infrastructure;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>
/// Issue 21 part 5: the Prometheus scrape endpoint (when enabled) shows request, database and outbox metrics; readiness follows
/// the database while liveness does not. On a cluster of its own, so stopping it touches no other test.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private PortalFactory? _factory;
    private string _address = string.Empty;

    public async Task InitializeAsync()
    {
        _cluster = PostgresCluster.Create("telemetry");
        await using (var admin = new NpgsqlConnection(_cluster.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE pp_telemetry", admin);
            await create.ExecuteNonQueryAsync();
        }

        _factory = new PortalFactory(_cluster.ConnectionString("pp_telemetry") + ";Timeout=3", loadDemoData: true, settings: new Dictionary<string, string?>
        {
            ["Telemetry:PrometheusEnabled"] = "true",
        });
        _address = _factory.StartOnLoopback();
    }

    public async Task DisposeAsync()
    {
        await _factory!.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _cluster!.Destroy();
    }

    [Fact]
    public async Task Metrics_show_requests_database_and_outbox_and_readiness_follows_the_database()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_address) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/Account/SignIn")).StatusCode);

        // One message through the outbox (no SMTP host: the pickup folder), so deliveries are counted.
        await using (var db = TestDatabase.OpenSystemContext(_factory!.ConnectionString))
        {
            var contoso = db.Partners.Single(p => p.MpnId == "1000001");
            var link = new InvitationLink(InvitationKind.ResellerRelationship, contoso.Id, false, null, DateTimeOffset.UtcNow);
            db.InvitationLinks.Add(link);
            var message = new SentInvitation(link, "metrics@adatum.example", "adminagent@contoso.example", "en", DateTimeOffset.UtcNow);
            message.SetMessage("Invitation", "Please accept.");
            db.SentInvitations.Add(message);
            await db.SaveChangesAsync();
        }

        string metrics = string.Empty;
        for (var i = 0; i < 100 && !metrics.Contains("partnerportal_outbox_deliveries", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            metrics = await http.GetStringAsync("/metrics");
        }

        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"delivered\"", metrics, StringComparison.Ordinal);
        Assert.Contains("partnerportal_outbox_backlog", metrics, StringComparison.Ordinal);
        Assert.Contains("partnerportal_outbox_oldest_age", metrics, StringComparison.Ordinal);
        Assert.Contains("partnerportal_job_last_success", metrics, StringComparison.Ordinal);
        Assert.Matches("db_client_[a-z_]+", metrics);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/ready")).StatusCode);
        _cluster!.StopImmediately();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);

        _cluster.Start();
        var ready = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 50 && ready != HttpStatusCode.OK; i++)
        {
            await Task.Delay(200);
            ready = (await http.GetAsync("/healthz/ready")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, ready);
    }

    [Fact]
    public async Task Metrics_are_off_unless_configured()
    {
        await using var plain = new PortalFactory(_factory!.ConnectionString);
        var address = plain.StartOnLoopback();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
        using var response = await http.GetAsync("/metrics");
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
