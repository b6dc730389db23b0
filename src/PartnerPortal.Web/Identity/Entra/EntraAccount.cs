using System.Security.Claims;

namespace PartnerPortal.Web.Identity.Entra;

/// <summary>Who Microsoft Entra ID says signed in: read from the validated ID token's claims (names as issued, unmapped).</summary>
public sealed record EntraAccount(Guid TenantId, Guid ObjectId, string Name, string Email, IReadOnlySet<string> Amr, IReadOnlySet<string> DirectoryRoles)
{
    /// <summary>The built-in role template id of Global Administrator (the "wids" claim lists a user's directory roles).</summary>
    public const string GlobalAdministratorRoleId = "62e90394-69f5-4237-9190-012177145e10";

    public bool UsedMultiFactor => Amr.Contains("mfa");

    public bool IsTenantGlobalAdministrator => DirectoryRoles.Contains(GlobalAdministratorRoleId);

    public string LoginKey => EntraLogin.Key(TenantId, ObjectId);

    /// <summary>Null when the token does not name both the tenant and the person.</summary>
    public static EntraAccount? From(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue("tid"), out var tenantId) || !Guid.TryParse(principal.FindFirstValue("oid"), out var objectId))
        {
            return null;
        }

        var email = principal.FindFirstValue("email") ?? principal.FindFirstValue("preferred_username") ?? string.Empty;
        var name = principal.FindFirstValue("name") ?? email;
        return new EntraAccount(
            tenantId,
            objectId,
            name.Trim(),
            email.Trim(),
            principal.FindAll("amr").Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindAll("wids").Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }
}
