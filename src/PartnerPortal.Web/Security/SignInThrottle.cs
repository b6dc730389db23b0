using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Security;

public sealed class ThrottleOptions
{
    public const string Section = "Throttling";

    /// <summary>Sign-in attempts per account name per window, whatever the client: slows guessing without locking anyone out.</summary>
    public int SignInPerAccount { get; set; } = 10;

    /// <summary>Sign-in posts per client address per window.</summary>
    public int SignInPerClient { get; set; } = 30;

    /// <summary>Organizations a client address may create from invitation links per window (anonymous sign-up).</summary>
    public int SignUpPerClient { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Throttles sign-in attempts per account name (ASP.NET Core's rate limiting, one sliding window per name). The name is
/// limited whether or not such an account exists, so the answer tells an attacker nothing, and a victim whose name is being
/// guessed waits at most one window instead of being locked out.
/// </summary>
public sealed class SignInThrottle(IOptions<ThrottleOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetSlidingWindowLimiter(name, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.SignInPerAccount,
            Window = options.Value.Window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
        }));

    public bool TryAcquire(string accountName)
    {
        using var lease = _limiter.AttemptAcquire(accountName.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

public static class RateLimiting
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";

    /// <summary>Per-client limits on the anonymous endpoints; rejected requests get 429 with Retry-After.</summary>
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThrottleOptions>(configuration.GetSection(ThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var window = Settings(context.HttpContext).Window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(SignIn, context => PerClient(context, Settings(context).SignInPerClient, Settings(context).Window));
            o.AddPolicy(SignUp, context => PerClient(context, Settings(context).SignUpPerClient, Settings(context).Window));
        });
        return services;
    }

    private static ThrottleOptions Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ThrottleOptions>>().Value;

    /// <summary>Only posts count: reading the page is free.</summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, int limit, TimeSpan window) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}
