using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace PartnerPortal.Web.Security;

/// <summary>
/// When every database connection is busy (more requests at once than the pool holds), the request is answered "busy, try
/// again" (503 with Retry-After) instead of failing with a 500: the portal is overloaded, not broken.
/// </summary>
public sealed class OverloadExceptionHandler(ILogger<OverloadExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        if (!IsPoolExhausted(exception) || context.Response.HasStarted)
        {
            return false;
        }

        logger.LogWarning("Database connection pool exhausted; answered {Path} with 503", context.Request.Path.Value);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy - PartnerPortal</title></head><body><h1>The portal is busy</h1>" +
            "<p>Too many requests are being served at once. Nothing was changed. Try again in a few seconds.</p></body></html>",
            cancellationToken);
        return true;
    }

    private static bool IsPoolExhausted(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException && e.Message.Contains("pool", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
