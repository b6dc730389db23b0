using System.Security.Claims;

namespace PartnerPortal.Web.Tenancy;

/// <summary>
/// The organization the current request acts for. <see cref="Data.PortalDbContext"/> reads it in its query filters, which is
/// the one place where partner and customer data is scoped.
/// </summary>
public interface ITenant
{
    /// <summary>The signed-in user's partner organization, if the user is partner staff.</summary>
    Guid? PartnerId { get; }

    /// <summary>The signed-in user's customer organization, if the user is a customer's admin.</summary>
    Guid? CustomerId { get; }

    /// <summary>True only for start-up work (migrations, demo data) and named cross-organization lookups; never for a page.</summary>
    bool IsSystem { get; }
}

public static class PortalClaims
{
    public const string PartnerId = "pp:partner";
    public const string CustomerId = "pp:customer";
    public const string PartnerKind = "pp:kind";
    public const string DisplayName = "pp:name";
    public const string MustChangePassword = "pp:mustchange";
    public const string MfaEnabled = "pp:mfa";

    /// <summary>"true" when this session began with a Microsoft Entra sign-in that used multi-factor authentication.</summary>
    public const string EntraMfa = "pp:entramfa";
}

/// <summary>The organization and user ids a signed-in principal carries: the one place these claims are read.</summary>
public static class PrincipalOrganization
{
    public static Guid? PartnerId(this ClaimsPrincipal user) => Read(user, PortalClaims.PartnerId);

    public static Guid? CustomerId(this ClaimsPrincipal user) => Read(user, PortalClaims.CustomerId);

    public static Guid? UserId(this ClaimsPrincipal user) => Read(user, ClaimTypes.NameIdentifier);

    private static Guid? Read(ClaimsPrincipal user, string claim) =>
        Guid.TryParse(user.FindFirst(claim)?.Value, out var id) ? id : null;
}

/// <summary>Reads the organization from the signed-in user's claims.</summary>
public sealed class HttpTenant(IHttpContextAccessor accessor) : ITenant
{
    public Guid? PartnerId => accessor.HttpContext?.User.PartnerId();
    public Guid? CustomerId => accessor.HttpContext?.User.CustomerId();
    public bool IsSystem => false;
}

/// <summary>Unscoped access for start-up work and tests' arrangements.</summary>
public sealed class SystemTenant : ITenant
{
    public static readonly SystemTenant Instance = new();

    public Guid? PartnerId => null;
    public Guid? CustomerId => null;
    public bool IsSystem => true;
}
