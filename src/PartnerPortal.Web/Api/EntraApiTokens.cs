using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity.Entra;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Api;

/// <summary>
/// Issue 12 part 3: access tokens that an organization's own Microsoft Entra ID issues to one of its applications for the
/// portal's API (client credentials, an application permission). One JWT bearer scheme per configured Entra authority, through
/// Microsoft.Identity.Web (multi-tenant, the sign-in's app registration as the audience). The token's tenant must be linked by a
/// partner of that authority's cloud; its app roles with a portal role's name ("GlobalAdmin", "AdminAgent" …) become the
/// application's portal roles. Tokens on behalf of a person are refused: their v2.0 form carries no "amr", so the portal could
/// not hold them to the multi-factor rule its own sign-in enforces for partner staff.
/// </summary>
public static class EntraApiTokens
{
    /// <summary>Where a refusal's reason waits for the 401 body (<see cref="Infrastructure.ExplainingAuthorizationResultHandler"/>).</summary>
    public const string RefusalItem = "pp:api-refusal";

    public static string SchemeName(EntraAuthority authority) => "EntraApi" + authority;

    /// <summary>Registers the schemes; returns, for the API's scheme selector, each scheme with the start of its tokens' issuer.</summary>
    public static IReadOnlyList<(string IssuerPrefix, string Scheme)> AddEntraApiTokens(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EntraIdOptions.Section).Get<EntraIdOptions>() ?? new EntraIdOptions();
        services.AddScoped<EntraApiPrincipals>();
        var authentication = services.AddAuthentication();
        var schemes = new List<(string, string)>();
        foreach (var authority in options.Configured)
        {
            var registration = options.Authorities[authority.ToString()];
            var scheme = SchemeName(authority);
            var (instance, issuer) = EntraIdOptions.InstanceAndIssuer(authority, registration);
            authentication.AddMicrosoftIdentityWebApi(
                _ => { },
                o =>
                {
                    o.Instance = instance;
                    o.TenantId = "organizations";
                    o.ClientId = registration.ClientId;

                    // Roles are checked here, with a message, not by Microsoft.Identity.Web's exception.
                    o.AllowWebApiToBeAuthorizedByACL = true;
                },
                jwtBearerScheme: scheme);
            schemes.Add((issuer[..issuer.IndexOf("{tenantid}", StringComparison.Ordinal)], scheme));

            // After Microsoft.Identity.Web's own configuration of the scheme, so these win; its token-validated handler still runs first.
            services.Configure<JwtBearerOptions>(scheme, o =>
            {
                o.RequireHttpsMetadata = registration.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new JsonWebTokenHandler { MapInboundClaims = false });
                o.TokenValidationParameters.ValidIssuer = issuer;
                var validated = o.Events.OnTokenValidated;
                o.Events.OnTokenValidated = async context =>
                {
                    await validated(context);
                    if (context.Result is { Failure: not null })
                    {
                        return;
                    }

                    // A scope of its own: the request's database context must not be made before the caller is known, since
                    // its organization filters are fixed when it is made.
                    await using var scope = context.HttpContext.RequestServices.CreateAsyncScope();
                    var mapped = await scope.ServiceProvider.GetRequiredService<EntraApiPrincipals>().PrincipalForAsync(context.Principal!, authority);
                    if (mapped.Succeeded)
                    {
                        context.Principal = mapped.Value;
                        return;
                    }

                    context.HttpContext.Items[RefusalItem] = mapped.Error!.ToString();
                    context.Fail(mapped.Error.ToString());
                };
                o.Events.OnAuthenticationFailed = context =>
                {
                    context.HttpContext.Items.TryAdd(RefusalItem, Refusal(context.Exception));
                    return Task.CompletedTask;
                };
            });
        }

        return schemes;
    }

    /// <summary>The Entra scheme for a bearer token that is a JWT from a configured authority; null for anything else.</summary>
    public static string? SchemeFor(HttpContext context, IReadOnlyList<(string IssuerPrefix, string Scheme)> schemes)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (schemes.Count == 0 || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        var handler = new JsonWebTokenHandler();
        if (token.Count(c => c == '.') != 2 || !handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            var issuer = handler.ReadJsonWebToken(token).Issuer;
            return schemes.FirstOrDefault(s => issuer.StartsWith(s.IssuerPrefix, StringComparison.OrdinalIgnoreCase)).Scheme;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Refusal(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "The Microsoft Entra token has expired.",
        SecurityTokenInvalidAudienceException => "The Microsoft Entra token is not for PartnerPortal's API: request it for the portal's application id.",
        SecurityTokenInvalidIssuerException => "The Microsoft Entra token's issuer is not the authority it names.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The Microsoft Entra token's signature does not verify.",
        _ => "The Microsoft Entra token was not accepted.",
    };
}

/// <summary>Who an Entra access token's application is in the portal: its partner, its roles, and a name for the audit log.</summary>
public sealed class EntraApiPrincipals(CrossOrganizationLookups lookups)
{
    public async Task<Result<ClaimsPrincipal>> PrincipalForAsync(ClaimsPrincipal token, EntraAuthority authority)
    {
        if (token.FindFirst("scp") is not null || token.FindFirst("idtyp")?.Value is { } type && type != "app")
        {
            return Result<ClaimsPrincipal>.Fail(PortalRefusals.Tokens.ApplicationTokensOnly);
        }

        var application = token.FindFirst("azp")?.Value ?? token.FindFirst("appid")?.Value;
        if (!Guid.TryParse(token.FindFirst("tid")?.Value, out var tenantId) || !Guid.TryParse(application, out var applicationId))
        {
            return Result<ClaimsPrincipal>.Fail(PortalRefusals.Tokens.Incomplete);
        }

        var link = await lookups.FindEntraTenantLinkAsync(tenantId);
        if (link?.PartnerId is not { } partnerId)
        {
            return Result<ClaimsPrincipal>.Fail(PortalRefusals.Tokens.TenantNotLinked, tenantId);
        }

        var partner = await lookups.FindPartnerAsync(partnerId);
        if (partner is null || CloudPolicies.For(partner.Cloud).SignInAuthority != authority)
        {
            return Result<ClaimsPrincipal>.Fail(PortalRefusals.Tokens.WrongCloud, CloudPolicies.For(partner?.Cloud ?? Cloud.Public).DisplayName);
        }

        var roles = token.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return Result<ClaimsPrincipal>.Ok(ApiSetup.ApplicationPrincipal(
            EntraApiTokens.SchemeName(authority),
            applicationId,
            $"Microsoft Entra application {applicationId} (tenant {tenantId})",
            $"Microsoft Entra application {applicationId}",
            $"{tenantId}/{applicationId}",
            partnerId,
            partner.Kind,
            PartnerRole.All.Where(roles.Contains),
            new Claim(ApiClaims.EntraTenant, tenantId.ToString())));
    }
}
