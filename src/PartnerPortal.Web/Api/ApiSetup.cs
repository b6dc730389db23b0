using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>How long a bearer token from the token endpoint lasts.</summary>
    public int TokenMinutes { get; set; } = 60;

    /// <summary>Calls one application may make per minute.</summary>
    public int RequestsPerMinute { get; set; } = 1200;
}

public static class ApiClaims
{
    /// <summary>The calling application's id (its OAuth client id); people's principals never carry it.</summary>
    public const string Application = "pp:app";

    /// <summary>On an application of an organization's own Microsoft Entra tenant (<see cref="EntraApiTokens"/>): that tenant's id.</summary>
    public const string EntraTenant = "pp:entratenant";
}

/// <summary>
/// The portal's API (issue 12): bearer tokens for registered applications (OAuth 2.0 client credentials at /oauth2/token),
/// issued and checked with the Data Protection key ring every portal process shares, so any node accepts any node's token.
/// API routes authenticate with that scheme only: a browser's cookie never authorizes an API call.
/// </summary>
public static class ApiSetup
{
    public const string Scheme = "PortalApi";

    /// <summary>The scheme API routes authenticate with: it forwards to <see cref="Scheme"/> or to an Entra authority's.</summary>
    public const string AnyScheme = "PortalApiAny";
    public const string RateLimitPolicy = "Api";

    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddAuthentication().AddBearerToken(Scheme, o => o.BearerTokenExpiration = TimeSpan.FromMinutes(options.TokenMinutes));
        services.AddOptions<BearerTokenOptions>(Scheme).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);

        // A bearer token is the portal's own, or a JWT from a configured Microsoft Entra authority: the issuer says which.
        var entra = services.AddEntraApiTokens(configuration);
        services.AddAuthentication().AddPolicyScheme(AnyScheme, "PartnerPortal API", o => o.ForwardDefaultSelector = context => EntraApiTokens.SchemeFor(context, entra) ?? Scheme);
        services.AddAuthorizationBuilder().AddPolicy(Scheme, p => p.AddAuthenticationSchemes(AnyScheme).RequireAuthenticatedUser().RequireClaim(ApiClaims.Application));
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(ApiClaims.Application)?.Value ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    // Read when the partition is made, not when services are registered, so configuration applied later
                    // (a host's own settings, a test's) counts.
                    PermitLimit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })));
        services.AddScoped<TokenIssuer>();

        // The OpenAPI document (/openapi/v1.json) describes the API's endpoints and the bearer scheme; Scalar renders it.
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new() { Title = "PartnerPortal API", Version = "v1", Description = "Delegated admin relationships in Microsoft Graph v1.0's shape (/v1.0), the seeds' operations in Partner Center's REST shape (/v1). Get a bearer token with the OAuth 2.0 client-credentials grant at /oauth2/token, with an application registered on API applications, or from your linked Microsoft Entra tenant. 401 means only that the token is missing, expired, revoked or not one the portal accepts; with a good token, a path the API does not have answers 404 (naming the unknown segment) and a known path with another method 405 with an Allow header, in Graph's error body under /v1.0 and Partner Center's under /v1." };
                return Task.CompletedTask;
            });
            OpenApiDescriptions.AddExamples(o);
        });
        return services;
    }

    /// <summary>Whether a request is for the API (its errors are JSON, never the portal's HTML error pages).</summary>
    public static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/v1.0") || path.StartsWithSegments("/v1") || path.StartsWithSegments("/oauth2");

    public static void MapPortalApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app, o =>
        {
            o.Title = "PartnerPortal API";

            // Its default fonts come from Scalar's CDN; the page loads nothing from another origin. Its AI chat and its developer
            // toolbar (SDK generation, hosting offers) are Scalar's services elsewhere: off, as is its telemetry.
            o.DefaultFonts = false;
            o.Agent = new Scalar.AspNetCore.ScalarAgentOptions { Disabled = true };
            o.ShowDeveloperTools = Scalar.AspNetCore.DeveloperToolsVisibility.Never;
            o.Telemetry = false;
        }).AllowAnonymous();
        app.MapPost("/oauth2/token", TokenIssuer.HandleAsync).WithTags("OAuth 2.0 token").WithSummary("Client-credentials grant: client_id and client_secret in the form or an HTTP Basic header.").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Security.RateLimiting.SignIn);
        var graph = app.MapGroup("/v1.0").WithTags("Delegated admin relationships (Microsoft Graph v1.0 shape)").RefusesUnauthenticated().RequireAuthorization(Scheme).RequireRateLimiting(RateLimitPolicy).AddEndpointFilter(RequireActiveApplicationAsync);
        Graph.DelegatedAdminRelationshipsApi.Map(graph.MapGroup("/tenantRelationships/delegatedAdminRelationships"));
        Graph.DelegatedAdminCustomersApi.Map(graph.MapGroup("/tenantRelationships/delegatedAdminCustomers"));
        var partnerCenter = app.MapGroup("/v1").WithTags("Customers, indirect resellers, subscriptions (Partner Center v1 shape)").RefusesUnauthenticated().RequireAuthorization(Scheme).RequireRateLimiting(RateLimitPolicy).AddEndpointFilter(RequireActiveApplicationAsync);
        PartnerCenter.PartnerCenterApi.Map(partnerCenter);
    }

    /// <summary>What a caller without a token (or with one the portal does not accept) is told.</summary>
    public const string MissingTokenMessage = "Send a bearer token from the portal's token endpoint (/oauth2/token), or one your linked Microsoft Entra tenant issued for the portal's API, in the Authorization header.";

    /// <summary>A token of an application revoked or expired since it was issued stops working at once.</summary>
    private static async ValueTask<object?> RequireActiveApplicationAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await IsActiveApplicationAsync(context.HttpContext, context.HttpContext.User)
            ? await next(context)
            : Graph.GraphErrors.Result(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", "The application's access has been revoked or has expired.");

    /// <summary>Whether the calling application may still call: not revoked, not expired.</summary>
    public static async Task<bool> IsActiveApplicationAsync(HttpContext http, ClaimsPrincipal application)
    {
        // An Entra tenant's application: its tenant's link was checked with the token, on this request.
        if (application.HasClaim(c => c.Type == ApiClaims.EntraTenant))
        {
            return true;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Guid.TryParse(application.FindFirst(ApiClaims.Application)?.Value, out var parsed) ? parsed : Guid.Empty;
        var db = http.RequestServices.GetRequiredService<PortalDbContext>();
        return await db.ApiApplications.AsNoTracking().AnyAsync(a => a.Id == id && a.RevokedAt == null && a.ExpiresAt > now);
    }

    /// <summary>The principal a registered application acts as.</summary>
    public static ClaimsPrincipal PrincipalFor(ApiApplication application, Domain.Partners.PartnerKind kind) =>
        ApplicationPrincipal(Scheme, application.Id, $"{application.Name} (application {application.Id})", application.Name, application.Id.ToString(), application.PartnerId, kind, application.Roles);

    /// <summary>
    /// The principal any calling application acts as, whoever issued its token: its partner, its portal roles, the id its rate
    /// limit and idempotency keys are kept under, and a name that says it is an application (the audit log's actor).
    /// </summary>
    public static ClaimsPrincipal ApplicationPrincipal(string scheme, Guid id, string name, string displayName, string applicationKey, Guid partnerId, Domain.Partners.PartnerKind kind, IEnumerable<string> roles, params Claim[] more)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(ApiClaims.Application, applicationKey));
        identity.AddClaim(new Claim(PortalClaims.PartnerId, partnerId.ToString()));
        identity.AddClaim(new Claim(PortalClaims.PartnerKind, kind.ToString()));
        identity.AddClaim(new Claim(PortalClaims.DisplayName, displayName));
        identity.AddClaims(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        identity.AddClaims(more);
        return new ClaimsPrincipal(identity);
    }
}
