using System.Security.Cryptography;
using System.Text;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Api;

/// <summary>
/// An application a partner's Global admin registered to call the portal's API (issue 12): its roles come from the same role
/// table as people's; its client secret is shown once and stored only as a SHA-256 hash (the secret is 256 random bits, so a
/// slow hash adds nothing); it expires and can be revoked. Its id is the OAuth client id.
/// </summary>
public class ApiApplication
{
    public const int MaxNameLength = 80;
    public const int MaxLifetimeDays = 730;

    private ApiApplication()
    {
        Name = null!;
        Roles = [];
        SecretHash = null!;
        CreatedBy = null!;
    }

    private ApiApplication(Guid partnerId, string name, string[] roles, byte[] secretHash, string createdBy, DateTimeOffset at, DateTimeOffset expiresAt)
    {
        Id = Guid.NewGuid();
        PartnerId = partnerId;
        Name = name;
        Roles = roles;
        SecretHash = secretHash;
        CreatedBy = createdBy;
        CreatedAt = at;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Name { get; private set; }
    public string[] Roles { get; private set; }
    public byte[] SecretHash { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>Registers an application; the value carries the secret, which exists nowhere else after this call.</summary>
    public static Result<(ApiApplication Application, string Secret)> Register(Guid partnerId, string? name, IEnumerable<string> roles, int lifetimeDays, string createdBy, DateTimeOffset at)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            return Result<(ApiApplication, string)>.Fail(PortalRefusals.ApiApplications.InvalidName, MaxNameLength);
        }

        var chosen = roles.Distinct(StringComparer.Ordinal).ToArray();
        if (chosen.Length == 0 || chosen.Any(r => !PartnerRole.All.Contains(r, StringComparer.Ordinal)))
        {
            return Result<(ApiApplication, string)>.Fail(PortalRefusals.ApiApplications.RolesRequired);
        }

        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            return Result<(ApiApplication, string)>.Fail(PortalRefusals.ApiApplications.InvalidSecretLifetime, MaxLifetimeDays);
        }

        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var application = new ApiApplication(partnerId, trimmed, PartnerRole.All.Where(chosen.Contains).ToArray(), Hash(secret), createdBy, at, at.AddDays(lifetimeDays));
        return Result<(ApiApplication, string)>.Ok((application, secret));
    }

    /// <summary>Whether <paramref name="secret"/> is this application's (constant time).</summary>
    public bool HasSecret(string? secret) =>
        secret is { Length: > 0 and < 200 } && CryptographicOperations.FixedTimeEquals(Hash(secret), SecretHash);

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
