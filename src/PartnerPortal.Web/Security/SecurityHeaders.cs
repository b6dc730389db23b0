namespace PartnerPortal.Web.Security;

/// <summary>
/// Headers every response carries (OWASP ASVS 14.4): a strict Content-Security-Policy (own scripts and styles only, no
/// framing), no MIME sniffing, no referrer (invitation links carry codes), and no browser features the portal does not use.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<Identity.Entra.EntraIdOptions> entra)
{
    /// <summary>
    /// Forms post to the portal only, except that "Sign in with Microsoft" continues, by redirect, to the configured Entra
    /// authorities (browsers apply form-action to a form's redirects too).
    /// </summary>
    private readonly string _contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        $"form-action 'self'{string.Concat(entra.Value.SignInOrigins().Select(o => " " + o))}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// The API reference page (Scalar, /scalar) needs inline scripts and styles. It shows the public OpenAPI document only, no
    /// organization's data and no form, so only that path gets them; it still loads nothing from another origin.
    /// </summary>
    private const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "form-action 'none'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : _contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>How the portal is reached: settings under "Portal" (README "Deploying").</summary>
public sealed class DeploymentOptions
{
    public const string Section = "Portal";

    /// <summary>The public address, e.g. https://partners.example.com: the start of every emailed link.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Served over TLS (directly or behind a proxy): HSTS, HTTPS redirection and cookies sent over HTTPS only.</summary>
    public bool RequireHttps { get; set; }

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) whose proxies are believed, for proxies without a fixed address.</summary>
    public string[] KnownNetworks { get; set; } = [];
}
