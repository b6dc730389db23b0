using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Web.Security;

/// <summary>
/// X-Forwarded-For is believed only from Portal:KnownProxies and Portal:KnownNetworks. A request that carries the header from
/// any other address is served with the proxy's own address as the client's, which makes every user behind that proxy one
/// client for the sign-in limits and the logs: the first such request logs a warning naming the address and the settings.
/// </summary>
public sealed class UnconfiguredProxyWarning(RequestDelegate next, IOptions<ForwardedHeadersOptions> forwarded, ILogger<UnconfiguredProxyWarning> logger)
{
    private int _warned;

    public Task InvokeAsync(HttpContext context)
    {
        if (Volatile.Read(ref _warned) == 0 && context.Request.Headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName)
            && context.Connection.RemoteIpAddress is { } remote && !IsKnown(remote) && Interlocked.Exchange(ref _warned, 1) == 0)
        {
            logger.LogWarning(
                "A request arrived with X-Forwarded-For from {ProxyAddress}, which is not in Portal:KnownProxies or Portal:KnownNetworks: the forwarded client address is ignored, so everyone behind that proxy counts as one client (sign-in limits, logs). Add the proxy's address or network to those settings (README \"Deploying\").",
                remote);
        }

        return next(context);
    }

    private bool IsKnown(System.Net.IPAddress remote)
    {
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        var options = forwarded.Value;
        return options.KnownProxies.Any(p => p.Equals(address) || p.Equals(remote)) || options.KnownIPNetworks.Any(n => n.Contains(address));
    }
}
