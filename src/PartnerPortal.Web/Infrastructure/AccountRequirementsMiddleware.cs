using Microsoft.Extensions.Options;
using PartnerPortal.Web.Security;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// What a signed-in user must do before anything else: change a temporary password (seed 004 "Setup info"), then, for partner
/// staff where multi-factor sign-in is required (as Partner Center requires it), enrol an authenticator app.
/// </summary>
public sealed class AccountRequirementsMiddleware(RequestDelegate next, IOptions<MfaOptions> mfa)
{
    private static readonly PathString[] Allowed = ["/Account", "/Language", "/css", "/js", "/healthz", "/StatusCode", "/Error"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        var returnUrl = Uri.EscapeDataString(context.Request.Path + context.Request.QueryString);
        if (user.HasClaim(PortalClaims.MustChangePassword, "true"))
        {
            context.Response.Redirect("/Account/ChangePassword?returnUrl=" + returnUrl);
            return Task.CompletedTask;
        }

        if (mfa.Value.RequiredForPartnerUsers && user.HasClaim(c => c.Type == PortalClaims.PartnerId) && !user.HasClaim(PortalClaims.MfaEnabled, "true")
            && !user.HasClaim(PortalClaims.EntraMfa, "true"))
        {
            context.Response.Redirect("/Account/Mfa?returnUrl=" + returnUrl);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
