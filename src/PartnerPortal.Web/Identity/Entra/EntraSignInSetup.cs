using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;
using PartnerPortal.Domain.Clouds;

namespace PartnerPortal.Web.Identity.Entra;

/// <summary>One Entra authority's app registration ("EntraId:Authorities:Global", "…:UsGovernment", "…:China").</summary>
public sealed class EntraAuthorityOptions
{
    /// <summary>The authority's sign-in endpoint; empty means Microsoft's own for that cloud.</summary>
    public string? Instance { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The tokens' issuer with "{tenantid}"; empty means Microsoft's for that cloud, or the instance's when it is set.</summary>
    public string? IssuerTemplate { get; set; }

    /// <summary>Only a loopback test server may be reached over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

public sealed class EntraIdOptions
{
    public const string Section = "EntraId";

    public Dictionary<string, EntraAuthorityOptions> Authorities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where a browser is sent to sign in: the origin of each configured authority's instance.</summary>
    public IEnumerable<string> SignInOrigins() => Configured
        .Select(a => Authorities[a.ToString()].Instance is { Length: > 0 } instance ? instance : EntraAuthorities.DefaultInstance(a))
        .Select(i => new Uri(i).GetLeftPart(UriPartial.Authority))
        .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Where an authority's sign-in endpoint is, and its tokens' issuer with "{tenantid}": Microsoft's own for that cloud, or the
    /// configured instance's (a test server) with the issuer under it unless one is given.
    /// </summary>
    public static (string Instance, string IssuerTemplate) InstanceAndIssuer(EntraAuthority authority, EntraAuthorityOptions registration)
    {
        var custom = !string.IsNullOrWhiteSpace(registration.Instance);
        var instance = custom ? registration.Instance! : EntraAuthorities.DefaultInstance(authority);
        var issuer = !string.IsNullOrWhiteSpace(registration.IssuerTemplate) ? registration.IssuerTemplate!
            : custom ? instance.TrimEnd('/') + "/{tenantid}/v2.0"
            : EntraAuthorities.DefaultIssuerTemplate(authority);
        return (instance, issuer);
    }

    /// <summary>The authorities with an app registration, in the order their buttons appear.</summary>
    public IReadOnlyList<EntraAuthority> Configured => EntraAuthorities.All
        .Where(a => Authorities.TryGetValue(a.ToString(), out var o) && !string.IsNullOrWhiteSpace(o.ClientId))
        .ToList();
}

/// <summary>
/// "Sign in with Microsoft": one OpenID Connect scheme per configured Entra authority, through Microsoft.Identity.Web
/// (multi-tenant, "organizations"). The result lands in Identity's external cookie only; the portal's own sign-in happens in
/// <see cref="EntraSignInHandler"/>, which maps the Entra account to a portal account, or refuses.
/// </summary>
public static class EntraSignInSetup
{
    public const string PurposeItem = "pp.purpose";
    public const string AuthorityItem = "pp.authority";

    public static string SchemeName(EntraAuthority authority) => "Entra" + authority;

    public static void AddEntraSignIn(this IServiceCollection services, IConfiguration configuration, CookieSecurePolicy cookieSecurity)
    {
        var options = configuration.GetSection(EntraIdOptions.Section).Get<EntraIdOptions>() ?? new EntraIdOptions();
        services.Configure<EntraIdOptions>(configuration.GetSection(EntraIdOptions.Section));
        services.AddScoped<EntraSignInHandler>();
        services.AddScoped<EntraDirectoryHandler>();
        var authentication = services.AddAuthentication();
        foreach (var authority in options.Configured)
        {
            var registration = options.Authorities[authority.ToString()];
            var scheme = SchemeName(authority);
            var (instance, issuer) = EntraIdOptions.InstanceAndIssuer(authority, registration);
            authentication.AddMicrosoftIdentityWebApp(
                o =>
                {
                    o.Instance = instance;
                    o.TenantId = "organizations";
                    o.ClientId = registration.ClientId;
                    o.ClientSecret = registration.ClientSecret;
                    o.CallbackPath = "/signin-microsoft/" + authority.ToString().ToLowerInvariant();
                },
                openIdConnectScheme: scheme,
                cookieScheme: null,
                displayName: EntraAuthorities.ButtonLabel(authority));

            // After Microsoft.Identity.Web's own configuration of the scheme, so these win.
            services.Configure<OpenIdConnectOptions>(scheme, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.RequireHttpsMetadata = registration.RequireHttpsMetadata;

                // Multi-tenant: any tenant's token is accepted by the issuer check (Microsoft.Identity.Web's validator puts the
                // token's own "tid" into the template); whether that tenant may come in is the portal's decision, made after.
                o.TokenValidationParameters.ValidIssuer = issuer;

                // Authorization code with PKCE, returned in the query: the correlation and nonce cookies can then be SameSite=Lax
                // (a top-level GET carries them), and over HTTPS they are Secure.
                o.ResponseType = "code";
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.Scope.Add("email");
                // Claims as Entra names them ("tid", "oid", "amr", "wids"). Microsoft.Identity.Web hands the scheme a token handler of
                // its own, which the MapInboundClaims setter does not reach, so the handler is set here too.
                o.MapInboundClaims = false;
                o.TokenHandler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { MapInboundClaims = false };
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = cookieSecurity;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = cookieSecurity;

                // A refused token (signature, issuer, audience, lifetime, nonce) or a cancelled sign-in: the person sees why on the
                // sign-in page, never an error page; the reason goes to the log without the token.
                o.Events.OnRemoteFailure = context =>
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerPortal.SignIn")
                        .LogWarning("Microsoft sign-in at {Authority} refused: {Reason}", authority, context.Failure?.GetType().Name + ": " + FirstLine(context.Failure?.Message));
                    context.Response.Redirect("/Account/Microsoft?failed=true");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
    }

    /// <summary>The properties of a challenge: where the flow returns, and what it is for (signing in or linking a tenant).</summary>
    public static AuthenticationProperties Challenge(EntraAuthority authority, string redirectUri, string purpose)
    {
        var properties = new AuthenticationProperties { RedirectUri = redirectUri };
        properties.Items[PurposeItem] = purpose;
        properties.Items[AuthorityItem] = authority.ToString();
        return properties;
    }

    /// <summary>
    /// The Microsoft sign-in that has just come back for <paramref name="purpose"/>: the authority it was made at and who signed
    /// in, or null when there is none, it was for something else, or the token did not name the tenant and the person. The
    /// external cookie is removed either way: it serves one decision.
    /// </summary>
    public static async Task<(EntraAuthority Authority, EntraAccount Account)?> TakeExternalSignInAsync(HttpContext context, string purpose)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded
            || external.Properties?.Items.TryGetValue(PurposeItem, out var given) != true || given != purpose
            || !external.Properties.Items.TryGetValue(AuthorityItem, out var named) || !Enum.TryParse<EntraAuthority>(named, out var authority)
            || EntraAccount.From(external.Principal!) is not { } account)
        {
            return null;
        }

        return (authority, account);
    }

    private static string? FirstLine(string? message) => message?.Split('\n')[0];
}
