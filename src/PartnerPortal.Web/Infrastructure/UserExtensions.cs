using System.Security.Claims;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Infrastructure;

public static class UserExtensions
{
    /// <summary>Reads the role permission table for the signed-in user (navigation, buttons).</summary>
    public static bool Has(this ClaimsPrincipal user, Permission permission) =>
        RolePermissions.RolesFor(permission).Any(user.IsInRole);

    public static IEnumerable<string> Roles(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value);

    public static bool IsPartnerStaff(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaims.PartnerId);

    public static bool IsPartnerOfKind(this ClaimsPrincipal user, Domain.Partners.PartnerKind kind) =>
        user.HasClaim(PortalClaims.PartnerKind, kind.ToString());

    public static bool IsCustomerAdmin(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortalClaims.CustomerId);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(PortalClaims.DisplayName)?.Value ?? user.Identity?.Name ?? string.Empty;
}
