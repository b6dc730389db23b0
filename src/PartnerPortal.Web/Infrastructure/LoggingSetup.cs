using PartnerPortal.Web.Tenancy;
using Serilog;
using Serilog.Events;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// Serilog.AspNetCore: Serilog as the only logging provider (configured from the "Serilog" section) and one structured line
/// per request. Requests are enriched with the organization and user ids, never with names, emails or secrets.
/// </summary>
public static class LoggingSetup
{
    public static void AddPortalLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"));

    public static void UsePortalRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";

            // Health probes are frequent and uninteresting unless they fail.
            o.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/healthz") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
            o.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                var user = context.User;
                diagnostics.Set("UserId", user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "anonymous");
                if (user.FindFirst(PortalClaims.PartnerId)?.Value is { } partnerId)
                {
                    diagnostics.Set("PartnerId", partnerId);
                }

                if (user.FindFirst(PortalClaims.CustomerId)?.Value is { } customerId)
                {
                    diagnostics.Set("CustomerId", customerId);
                }
            };
        });
}
