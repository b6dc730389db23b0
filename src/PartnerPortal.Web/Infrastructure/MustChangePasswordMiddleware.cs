using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>A user signed in with a temporary password reaches nothing but the Change password page (seed 004 "Setup info").</summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    private static readonly PathString[] Allowed = ["/Account/ChangePassword", "/Account/SignOut", "/Language", "/css", "/js", "/healthz"];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(PortalClaims.MustChangePassword, "true")
            && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/Account/ChangePassword?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }

        return next(context);
    }
}
