using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Security;

public sealed class ThrottleOptions
{
    public const string Section = "Throttling";

    /// <summary>Failed sign-ins per account name per window, whatever the client: slows guessing without locking anyone out.</summary>
    public int SignInPerAccount { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins per client address per window, over all names: stops one address guessing across many accounts. Far above
    /// what an office behind one address mistypes; correct sign-ins never count.
    /// </summary>
    public int FailedSignInsPerClient { get; set; } = 100;

    /// <summary>Sign-in posts per client address per window, right or wrong: only a flood reaches it (an office's morning does not).</summary>
    public int SignInPostsPerClient { get; set; } = 1000;

    /// <summary>Organizations one client address may create from one invitation link per window (anonymous sign-up).</summary>
    public int SignUpPerClient { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Why a sign-in (or sign-up) was refused before its password was checked: a tag on the refusal metric.</summary>
public static class SignInRefusal
{
    public const string Account = "account";
    public const string Client = "client";
    public const string Flood = "flood";

    /// <summary>Not a sign-in: an API application over its requests per minute.</summary>
    public const string ApiRate = "api_rate";
}

/// <summary>
/// Throttles password guessing: only failed sign-ins count, within a sliding window, per account name (so one name is not
/// guessed at) and per client address (so one address does not guess across names). A correct sign-in spends nothing and
/// clears nothing, so people signing in from several browsers, or a whole office behind one address, are never refused while
/// a guesser is. The name is counted whether or not such an account exists, so the answer tells an attacker nothing, and a
/// victim whose name is being guessed waits at most one window instead of being locked out. Kept in this process's memory.
/// </summary>
public sealed class SignInThrottle(IOptions<ThrottleOptions> options, TimeProvider clock)
{
    private readonly FailureWindow _accounts = new();
    private readonly FailureWindow _clients = new();

    /// <summary>
    /// Whether the name, or the client address, has used up its failures; if so, which (<see cref="SignInRefusal"/>) and how
    /// long until the oldest of them leaves the window.
    /// </summary>
    public bool IsBlocked(string accountName, string? clientAddress, out string reason, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (_accounts.IsFull(AccountKey(accountName), settings.SignInPerAccount, now, settings.Window, out retryAfter))
        {
            reason = SignInRefusal.Account;
            return true;
        }

        reason = SignInRefusal.Client;
        return clientAddress is not null && _clients.IsFull(clientAddress, settings.FailedSignInsPerClient, now, settings.Window, out retryAfter);
    }

    /// <summary>Counts a wrong password (or an unknown name) against the name and the client address.</summary>
    public void RecordFailure(string accountName, string? clientAddress)
    {
        var now = clock.GetUtcNow();
        _accounts.Add(AccountKey(accountName), now, options.Value.Window);
        if (clientAddress is not null)
        {
            _clients.Add(clientAddress, now, options.Value.Window);
        }
    }

    private static string AccountKey(string accountName) => accountName.Trim().ToUpperInvariant();

    /// <summary>Failure times per key within a sliding window.</summary>
    private sealed class FailureWindow
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
        private long _calls;

        public bool IsFull(string key, int limit, DateTimeOffset now, TimeSpan window, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            if (!_failures.TryGetValue(key, out var failures))
            {
                return false;
            }

            lock (failures)
            {
                Expire(failures, now - window);
                if (failures.Count < limit)
                {
                    return false;
                }

                retryAfter = failures.Peek() + window - now;
                return true;
            }
        }

        public void Add(string key, DateTimeOffset now, TimeSpan window)
        {
            var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
            lock (failures)
            {
                Expire(failures, now - window);
                failures.Enqueue(now);
            }

            // Now and then, forget keys whose failures have all left the window, so the table stays small.
            if (Interlocked.Increment(ref _calls) % 1024 == 0)
            {
                foreach (var (name, queue) in _failures)
                {
                    lock (queue)
                    {
                        Expire(queue, now - window);
                        if (queue.Count == 0)
                        {
                            _failures.TryRemove(KeyValuePair.Create(name, queue));
                        }
                    }
                }
            }
        }

        private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset before)
        {
            while (failures.Count > 0 && failures.Peek() <= before)
            {
                failures.Dequeue();
            }
        }
    }
}

public static class RateLimiting
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";

    /// <summary>The item a rejected request carries: how many seconds to wait (the status page reads it to say so).</summary>
    public const string RetryAfterItem = "PartnerPortal.RetryAfterSeconds";

    /// <summary>
    /// Flood ceilings on the anonymous endpoints, per client address (the real one when the portal sits behind a configured
    /// proxy): a rejected request gets 429 with Retry-After, a page saying how long to wait, or Graph's error body on the API.
    /// </summary>
    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThrottleOptions>(configuration.GetSection(ThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : (int)Settings(http).Window.TotalSeconds;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Items[RetryAfterItem] = seconds;
                var api = http.Request.Path.StartsWithSegments("/v1.0") || http.Request.Path.StartsWithSegments("/v1");
                http.RequestServices.GetRequiredService<Infrastructure.PortalMetrics>().Refused(api ? SignInRefusal.ApiRate : SignInRefusal.Flood);
                if (Api.ApiSetup.IsApiRequest(http.Request))
                {
                    await Api.Graph.GraphErrors.Result(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                        $"Too many requests in a short time. Nothing was changed. Wait {seconds} seconds (Retry-After) and send the request again.").ExecuteAsync(http);
                }
            };
            o.AddPolicy(SignIn, context => PerClient(context, null, Settings(context).SignInPostsPerClient, Settings(context).Window));
            o.AddPolicy(SignUp, context => PerClient(context, context.Request.RouteValues["code"] as string, Settings(context).SignUpPerClient, Settings(context).Window));
        });
        return services;
    }

    private static ThrottleOptions Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ThrottleOptions>>().Value;

    /// <summary>Only posts count: reading the page is free. <paramref name="scope"/> narrows the count (one invitation link).</summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, string? scope, int limit, TimeSpan window) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter((context.Connection.RemoteIpAddress?.ToString() ?? "unknown") + "|" + scope, _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("read");
}
