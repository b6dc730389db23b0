using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace PartnerPortal.Web.Security;

/// <summary>
/// When the database cannot serve a request, the answer is 503 with Retry-After and says so, never a 500: "busy" when every
/// pooled connection is in use, "temporarily unavailable" when no primary answers (stopped, failing over, or only a read-only
/// standby reachable). People get a short page in their language; the API gets Graph's error body. Either way the request
/// changed nothing: a transaction the database did not confirm is not committed.
/// </summary>
public sealed class DatabaseUnavailableHandler(IStringLocalizer<SharedResource> l, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var kind = Classify(exception);
        if (kind == Unavailability.None || context.Response.HasStarted)
        {
            return false;
        }

        // The exception handler has re-pointed the request at /Error: what was asked is the original path.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "/";
        logger.LogWarning("Database {Kind}: answered {Method} {Path} with 503 ({Error})", kind, context.Request.Method, path, exception.GetBaseException().Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";

        if (Api.ApiSetup.IsApiPath(path))
        {
            var message = kind == Unavailability.Busy
                ? $"The service is busy: too many requests are being served at once. Nothing was changed. Retry after {RetryAfterSeconds} seconds."
                : $"The service cannot reach its database just now (for example while it fails over). Nothing was changed. Retry after {RetryAfterSeconds} seconds.";
            await Api.Graph.GraphErrors.Result(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", message).ExecuteAsync(context);
            return true;
        }

        // The exception has left the localization middleware's scope: take the culture it chose from the request's features.
        if (context.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            CultureInfo.CurrentUICulture = culture.UICulture;
            CultureInfo.CurrentCulture = culture.Culture;
        }

        var (title, explanation) = kind == Unavailability.Busy
            ? (l["The portal is busy"].Value, l["Too many requests are being served at once. Nothing was changed. Try again in a few seconds."].Value)
            : (l["Temporarily unavailable"].Value, l["The portal cannot reach its database just now. Nothing was changed. Try again in a few seconds."].Value);
        var html = HtmlEncoder.Default;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{html.Encode(CultureInfo.CurrentUICulture.Name)}\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"{RetryAfterSeconds * 2}\">" +
            $"<title>{html.Encode(title)} - PartnerPortal</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main>" +
            $"<h1 data-testid=\"unavailable\">{html.Encode(title)}</h1><p>{html.Encode(explanation)}</p></main></body></html>",
            cancellationToken);
        return true;
    }

    private enum Unavailability
    {
        None,
        Busy,
        Unreachable,
    }

    private static Unavailability Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case NpgsqlException when e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase):
                    return Unavailability.Busy;
                // Shutting down, crashed, starting, or a standby that refuses writes: the primary is not (yet) there.
                case PostgresException p when p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction:
                    return Unavailability.Unreachable;
                case PostgresException:
                    return Unavailability.None;
                // Connection refused, reset or timed out: transient by Npgsql's own account.
                case NpgsqlException { IsTransient: true }:
                    return Unavailability.Unreachable;
                // Every listed host answers but none is a primary (Target Session Attributes=primary, before a promotion).
                case NpgsqlException when e.Message.Contains("suitable host", StringComparison.OrdinalIgnoreCase):
                    return Unavailability.Unreachable;
            }
        }

        return Unavailability.None;
    }
}
