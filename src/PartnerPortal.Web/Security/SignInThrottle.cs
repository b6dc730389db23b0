using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Security;

public sealed class ThrottleOptions
{
    public const string Section = "Throttling";

    /// <summary>Failed sign-ins per account name per window, whatever the client: slows guessing without locking anyone out.</summary>
    public int SignInPerAccount { get; set; } = 10;

    /// <summary>Sign-in posts per client address per window.</summary>
    public int SignInPerClient { get; set; } = 30;

    /// <summary>Organizations a client address may create from invitation links per window (anonymous sign-up).</summary>
    public int SignUpPerClient { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Throttles password guessing per account name: only failed sign-ins count, within a sliding window; a correct sign-in spends
/// nothing and clears nothing, so a person signing in from several browsers is never refused while a guesser is. The name is
/// counted whether or not such an account exists, so the answer tells an attacker nothing, and a victim whose name is being
/// guessed waits at most one window instead of being locked out. Kept in this process's memory.
/// </summary>
public sealed class SignInThrottle(IOptions<ThrottleOptions> options, TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private long _calls;

    /// <summary>Whether the name has used up its failures; if so, how long until the oldest of them leaves the window.</summary>
    public bool IsBlocked(string accountName, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        var window = options.Value.Window;
        retryAfter = TimeSpan.Zero;
        if (!_failures.TryGetValue(Key(accountName), out var failures))
        {
            return false;
        }

        lock (failures)
        {
            Expire(failures, now - window);
            if (failures.Count < options.Value.SignInPerAccount)
            {
                return false;
            }

            retryAfter = failures.Peek() + window - now;
            return true;
        }
    }

    /// <summary>Counts a wrong password (or an unknown name) against the name.</summary>
    public void RecordFailure(string accountName)
    {
        var now = clock.GetUtcNow();
        var failures = _failures.GetOrAdd(Key(accountName), _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures, now - options.Value.Window);
            failures.Enqueue(now);
        }

        // Now and then, forget names whose failures have all left the window, so the table stays small.
        if (Interlocked.Increment(ref _calls) % 1024 == 0)
        {
            foreach (var (name, queue) in _failures)
            {
                lock (queue)
                {
                    Expire(queue, now - options.Value.Window);
                    if (queue.Count == 0)
                    {
                        _failures.TryRemove(KeyValuePair.Create(name, queue));
                    }
                }
            }
        }
    }

    private static string Key(string accountName) => accountName.Trim().ToUpperInvariant();

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset before)
    {
        while (failures.Count > 0 && failures.Peek() <= before)
        {
            failures.Dequeue();
        }
    }
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
