using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>Someone the test OpenID Connect server signs in.</summary>
public sealed record OidcUser(Guid TenantId, Guid ObjectId, string Name, string Email, bool Mfa = true, bool TenantGlobalAdministrator = false);

/// <summary>An application registered in one tenant, with the app roles that tenant's admin assigned it on the portal's API.</summary>
public sealed record OidcApplication(Guid TenantId, Guid ClientId, string Secret, string[] Roles);

/// <summary>What the server gets wrong in the ID token it issues, to see the portal refuse it.</summary>
public enum TokenFault
{
    None,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,

    /// <summary>The nonce of an earlier sign-in instead of this one's.</summary>
    ReplayedNonce,
}

/// <summary>
/// A real OpenID Connect provider on loopback, shaped like Microsoft Entra ID's v2.0 endpoints for several clouds
/// ("/global/", "/usgovernment/" …): discovery with the "{tenantid}" issuer template, signing keys, an authorization endpoint
/// that signs in <see cref="NextUser"/> at once, and a token endpoint that checks the client secret, the one-time code and
/// PKCE, then issues an RS256 ID token, or a faulty one (<see cref="Fault"/>). The same endpoint gives registered applications
/// (<see cref="RegisterApplication"/>) access tokens for the portal's API with the client-credentials grant, as Entra ID does for
/// "{portal client id}/.default".
/// </summary>
public sealed class OidcServer : IAsyncDisposable
{
    public const string ClientId = "6f1c2a0e-portal-test-client";
    public const string ClientSecret = "test-secret-not-for-production";
    private const string KeyId = "test-key-1";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentQueue<string> _nonces = new();
    private readonly ConcurrentDictionary<Guid, OidcApplication> _applications = new();
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    public OidcUser? NextUser { get; set; }

    public TokenFault Fault { get; set; }

    /// <summary>The instance (sign-in endpoint) of one simulated cloud, for the portal's EntraId:Authorities:*:Instance.</summary>
    public string Instance(string cloud) => $"{BaseUrl}{cloud}/";

    /// <summary>Portal settings registering this server as the Entra authority of each named cloud.</summary>
    public IDictionary<string, string?> PortalSettings(params string[] authorities) =>
        authorities.SelectMany(a => new[]
        {
            KeyValuePair.Create($"EntraId:Authorities:{a}:Instance", (string?)Instance(a.ToLowerInvariant())),
            KeyValuePair.Create($"EntraId:Authorities:{a}:ClientId", (string?)ClientId),
            KeyValuePair.Create($"EntraId:Authorities:{a}:ClientSecret", (string?)ClientSecret),
            KeyValuePair.Create($"EntraId:Authorities:{a}:RequireHttpsMetadata", (string?)"false"),
        }).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>An application of <paramref name="tenantId"/> whose admin granted it these app roles on the portal's API.</summary>
    public OidcApplication RegisterApplication(Guid tenantId, params string[] roles)
    {
        var application = new OidcApplication(tenantId, Guid.NewGuid(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), roles);
        _applications[application.ClientId] = application;
        return application;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();

        // The kernel picks the port while binding (see PortalFactory.StartOnLoopback); the address is known once started.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/{cloud}/{tenant}/v2.0/.well-known/openid-configuration", (string cloud, string tenant) => Results.Text(
            $$"""
            {
              "issuer": "{{BaseUrl}}{{cloud}}/{tenantid}/v2.0",
              "authorization_endpoint": "{{BaseUrl}}{{cloud}}/{{tenant}}/oauth2/v2.0/authorize",
              "token_endpoint": "{{BaseUrl}}{{cloud}}/{{tenant}}/oauth2/v2.0/token",
              "jwks_uri": "{{BaseUrl}}{{cloud}}/discovery/v2.0/keys",
              "response_types_supported": ["code", "id_token", "code id_token"],
              "response_modes_supported": ["query", "fragment", "form_post"],
              "subject_types_supported": ["pairwise"],
              "id_token_signing_alg_values_supported": ["RS256"],
              "code_challenge_methods_supported": ["S256"],
              "scopes_supported": ["openid", "profile", "email", "offline_access"]
            }
            """,
            "application/json"));
        _app.MapGet("/{cloud}/discovery/v2.0/keys", () =>
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = KeyId, alg = "RS256", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        _app.MapGet("/{cloud}/{tenant}/oauth2/v2.0/authorize", (string cloud, HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || NextUser is not { } user || string.IsNullOrEmpty(q["redirect_uri"]))
            {
                return Results.BadRequest("unknown client or nobody to sign in");
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = new Grant(cloud, user, q["nonce"].ToString(), q["code_challenge"].ToString(), q["redirect_uri"].ToString());
            _nonces.Enqueue(q["nonce"].ToString());
            var separator = q["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return Results.Redirect($"{q["redirect_uri"]}{separator}code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        _app.MapPost("/{cloud}/{tenant}/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (clientId, secret) = ClientCredentials(request, form);
            if (form["grant_type"] == "client_credentials")
            {
                // An application's token for the portal's API, in the tenant named in the address (Entra's v2.0 "/.default" scope).
                if (!Guid.TryParse(clientId, out var appId) || !_applications.TryGetValue(appId, out var application) || application.Secret != secret)
                {
                    return Results.Json(new { error = "invalid_client" }, statusCode: 401);
                }

                if (form["scope"] != $"{ClientId}/.default" || request.RouteValues["tenant"]?.ToString() != application.TenantId.ToString())
                {
                    return Results.Json(new { error = "invalid_scope" }, statusCode: 400);
                }

                var cloud = request.RouteValues["cloud"]!.ToString()!;
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = AccessToken(cloud, application.TenantId, application.ClientId, application.Roles) });
            }

            if (clientId != ClientId || secret != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            // A code works once, for the address it was issued to, with the verifier of its challenge (PKCE, S256).
            if (!_codes.TryRemove(form["code"].ToString(), out var grant) || grant.RedirectUri != form["redirect_uri"]
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            return Results.Json(new { token_type = "Bearer", expires_in = 3600, id_token = IdToken(grant), access_token = "opaque", scope = "openid profile email" });
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/') + "/";
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    /// <summary>
    /// An access token for the portal's API as Entra ID's v2.0 endpoint issues it: to an application (client credentials) with its
    /// app roles, or, with <paramref name="scope"/>, on behalf of a person ("scp"); <see cref="Fault"/> spoils it as it does ID tokens.
    /// </summary>
    public string AccessToken(string cloud, Guid tenantId, Guid applicationId, string[] roles, string? scope = null)
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId.ToString(),
            ["azp"] = applicationId.ToString(),
            ["azpacr"] = "1",
            ["oid"] = Guid.NewGuid().ToString(),
            ["sub"] = applicationId.ToString("N"),
            ["ver"] = "2.0",
        };
        if (scope is null)
        {
            claims["idtyp"] = "app";
        }
        else
        {
            claims["scp"] = scope;
            claims["name"] = "A person";
        }

        if (roles.Length > 0)
        {
            claims["roles"] = roles.ToList();
        }

        return Sign(Fault == TokenFault.WrongIssuer ? $"{BaseUrl}{cloud}/{Guid.NewGuid()}/v2.0" : $"{BaseUrl}{cloud}/{tenantId}/v2.0", claims);
    }

    /// <summary>A token for the portal from <paramref name="issuer"/>, spoiled in its audience, lifetime or signature as <see cref="Fault"/> says.</summary>
    private string Sign(string issuer, Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        var signingKey = new RsaSecurityKey(Fault == TokenFault.BadSignature ? _otherKey : _key) { KeyId = KeyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Fault == TokenFault.WrongAudience ? "00000000-some-other-application" : ClientId,
            IssuedAt = Fault == TokenFault.Expired ? now.AddHours(-3) : now,
            NotBefore = Fault == TokenFault.Expired ? now.AddHours(-3) : now.AddMinutes(-1),
            Expires = Fault == TokenFault.Expired ? now.AddHours(-2) : now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private string IdToken(Grant grant)
    {
        var user = grant.User;
        var nonce = Fault == TokenFault.ReplayedNonce ? _nonces.First() : grant.Nonce;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = user.TenantId.ToString(),
            ["oid"] = user.ObjectId.ToString(),
            ["sub"] = Convert.ToHexString(SHA256.HashData(user.ObjectId.ToByteArray()))[..20],
            ["name"] = user.Name,
            ["preferred_username"] = user.Email,
            ["email"] = user.Email,
            ["nonce"] = nonce,
            ["ver"] = "2.0",
            ["amr"] = user.Mfa ? new List<string> { "pwd", "mfa" } : new List<string> { "pwd" },
        };
        if (user.TenantGlobalAdministrator)
        {
            claims["wids"] = new List<string> { "62e90394-69f5-4237-9190-012177145e10", "b79fbf4d-3ef9-4689-8143-76b194e85509" };
        }

        return Sign(Fault == TokenFault.WrongIssuer ? $"https://sts.example.invalid/{user.TenantId}/v2.0" : $"{BaseUrl}{grant.Cloud}/{user.TenantId}/v2.0", claims);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _key.Dispose();
        _otherKey.Dispose();
    }

    private sealed record Grant(string Cloud, OidcUser User, string Nonce, string CodeChallenge, string RedirectUri);
}
