using System.Diagnostics.Metrics;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The portal's own metrics (meter <see cref="MeterName"/>), beside ASP.NET Core's, HttpClient's and Npgsql's: refusals by
/// reason, outbox deliveries, backlog and oldest message, and the background job's last successful run. Exported by
/// OpenTelemetry (Infrastructure/Telemetry.cs).
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "PartnerPortal";

    private readonly Counter<long> _refusals;
    private readonly Counter<long> _deliveries;
    private long _backlog;
    private double _oldestAgeSeconds;
    private long _jobLastSuccess;

    public PortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _refusals = meter.CreateCounter<long>("partnerportal.refusals", "{request}", "Requests refused before any work: a sign-in throttle or a rate limit, by reason.");
        _deliveries = meter.CreateCounter<long>("partnerportal.outbox.deliveries", "{message}", "Outbox delivery attempts by outcome: delivered, failed (will retry), gave_up.");
        meter.CreateObservableGauge("partnerportal.outbox.backlog", () => Interlocked.Read(ref _backlog), "{message}", "Messages queued and not yet delivered, as last counted by this process.");
        meter.CreateObservableGauge("partnerportal.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), "s", "How long the oldest undelivered message has waited, as last counted by this process.");
        meter.CreateObservableGauge("partnerportal.job.last_success", () => Interlocked.Read(ref _jobLastSuccess), "s", "When the admin relationship job last finished a run without error (Unix time; 0: not yet).");
    }

    /// <summary>A refusal; <paramref name="reason"/> is one of <see cref="Security.SignInRefusal"/> or "api_rate".</summary>
    public void Refused(string reason) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Delivery(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void OutboxCounted(long backlog, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _backlog, backlog);
        Volatile.Write(ref _oldestAgeSeconds, Math.Max(0, oldestAge.TotalSeconds));
    }

    public void JobSucceeded(DateTimeOffset at) => Interlocked.Exchange(ref _jobLastSuccess, at.ToUnixTimeSeconds());
}
