using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Api;

/// <summary>
/// The token endpoint: OAuth 2.0 client credentials (RFC 6749 section 4.4). The client authenticates with its id and secret in
/// the form (client_secret_post) or in an HTTP Basic header (client_secret_basic); the answer is a short-lived bearer token.
/// </summary>
public sealed class TokenIssuer(PortalDbContext db, CrossOrganizationLookups lookups, IOptionsMonitor<BearerTokenOptions> bearer, IOptions<ApiOptions> options, TimeProvider clock)
{
    public static async Task<IResult> HandleAsync(HttpContext http, TokenIssuer issuer)
    {
        if (!http.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Send the request as application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials")
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");
        }

        var (clientId, secret) = Credentials(http.Request, form);
        return await issuer.IssueAsync(clientId, secret);
    }

    private async Task<IResult> IssueAsync(string? clientId, string? secret)
    {
        var now = clock.GetUtcNow();
        var id = Guid.TryParse(clientId, out var parsed) ? parsed : Guid.Empty;

        var application = await lookups.FindApiApplicationAsync(id);
        if (application is null || !application.HasSecret(secret) || !application.IsActiveAt(now))
        {
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "Unknown client, wrong secret, or an application that was revoked or has expired.");
        }

        var kind = await db.Partners.Where(p => p.Id == application.PartnerId).Select(p => p.Kind).SingleAsync();
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenMinutes);
        var ticket = new AuthenticationTicket(
            ApiSetup.PrincipalFor(application, kind),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime },
            ApiSetup.Scheme);
        var token = bearer.Get(ApiSetup.Scheme).BearerTokenProtector.Protect(ticket);
        return Results.Json(
            new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = (int)lifetime.TotalSeconds },
            statusCode: StatusCodes.Status200OK);
    }

    private static (string? ClientId, string? Secret) Credentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"], form["client_secret"]);
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
