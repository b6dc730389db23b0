using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Security;

/// <summary>
/// On every request, the session cookie's security stamp must still be the account's: signing out, changing the password,
/// changing roles or multi-factor settings renews the stamp and so ends every other session at once, and a replayed cookie
/// stops working. One read of one indexed column, instead of Identity's validator, which with a zero interval rebuilt the
/// whole principal (user, roles, claims, organization: six queries) and re-issued the cookie on every response; everything
/// the principal carries changes only together with the stamp, so there is nothing to rebuild (issue 11).
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var stampType = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal?.FindFirstValue(stampType);
        if (principal?.UserId() is not { } userId || stamp is null)
        {
            await RejectAsync(context);
            return;
        }

        // The request's PortalDbContext takes its tenant from HttpContext.User, not set yet by authentication: set it to the
        // principal being validated, so the context's model is the right one for the rest of the request.
        context.HttpContext.User = principal;
        var db = context.HttpContext.RequestServices.GetRequiredService<PortalDbContext>();
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (!string.Equals(current, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        // The request goes on anonymous (the authentication middleware leaves User as it finds it), and the cookie is removed.
        context.RejectPrincipal();
        context.HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
