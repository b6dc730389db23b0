using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Identity;

/// <summary>Puts the user's organization into the sign-in cookie, where <see cref="HttpTenant"/> reads it.</summary>
public sealed class PortalClaimsPrincipalFactory(
    PortalDbContext db,
    UserManager<ApplicationUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(PortalClaims.MfaEnabled, "true"));
        }

        if (user.PartnerId is { } partnerId)
        {
            identity.AddClaim(new Claim(PortalClaims.PartnerId, partnerId.ToString()));
            var kind = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Kind).SingleAsync();
            identity.AddClaim(new Claim(PortalClaims.PartnerKind, kind.ToString()));
        }

        if (user.CustomerId is { } customerId)
        {
            identity.AddClaim(new Claim(PortalClaims.CustomerId, customerId.ToString()));
        }

        return identity;
    }
}
