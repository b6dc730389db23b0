using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>Settings under "Telemetry" (README "Operations").</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve Prometheus' scrape endpoint at /metrics. Off by default.</summary>
    public bool PrometheusEnabled { get; set; }

    /// <summary>Networks (CIDR) whose requests /metrics answers; anyone else gets 404. Loopback by default.</summary>
    public string[] PrometheusAllowedNetworks { get; set; } = ["127.0.0.1/32", "::1/128"];
}

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient and Npgsql instrumentation and the portal's own meter
/// (<see cref="PortalMetrics"/>). OTLP export follows the standard OTEL_* variables and is on when OTEL_EXPORTER_OTLP_ENDPOINT
/// is set; Prometheus' /metrics is on when configured, for configured networks only. Health is split: /healthz/live (the
/// process answers), /healthz/ready (the database answers and no migration is pending); /healthz is readiness too.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "PartnerPortal";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));
        services.AddSingleton<PortalMetrics>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql())
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation().AddMeter(PortalMetrics.MeterName);
                if (options.PrometheusEnabled)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        // One instance for the process, so "migrations applied" is learned once (AddCheck would otherwise build a new one,
        // and ask the database again, on every readiness probe).
        services.AddSingleton<MigrationsHealthCheck>();
        services.AddHealthChecks()
            .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
        return services;
    }

    public static void MapPortalHealthAndMetrics(this WebApplication app)
    {
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") };
        app.MapHealthChecks("/healthz", ready).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();

        var options = app.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        if (options.PrometheusEnabled)
        {
            var allowed = options.PrometheusAllowedNetworks.Select(IPNetwork.Parse).ToArray();
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous().AddEndpointFilter(async (context, next) =>
            {
                var address = context.HttpContext.Connection.RemoteIpAddress;
                if (address is null || !allowed.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)))
                {
                    return Results.NotFound();
                }

                return await next(context);
            });
        }
    }
}

/// <summary>Unhealthy while the code expects a migration the database lacks (a node started before the database was migrated).</summary>
public sealed class MigrationsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    private volatile bool _current;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_current)
        {
            return HealthCheckResult.Healthy();
        }

        using var scope = scopes.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<PortalDbContext>>();
        await using var db = new PortalDbContext(options, SystemTenant.Instance);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy("Migrations not applied: " + string.Join(", ", pending));
        }

        // Once applied they stay applied: later checks cost nothing.
        _current = true;
        return HealthCheckResult.Healthy();
    }
}
