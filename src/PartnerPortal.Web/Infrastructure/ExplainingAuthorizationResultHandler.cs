using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using PartnerPortal.Domain.Access;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// When a signed-in user lacks a permission, sends them to the Access denied page naming the permission, so that page
/// can say which roles are needed ("everyone else gets a page that says which role is needed", issue 3).
/// </summary>
public sealed class ExplainingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // An API caller gets Graph's error body, not a redirect to a sign-in page.
        if (Api.ApiSetup.IsApiRequest(context.Request) && (authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            var status = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            if (authorizeResult.Challenged)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await Api.Graph.GraphErrors.Result(status, authorizeResult.Challenged ? "InvalidAuthenticationToken" : "Forbidden", authorizeResult.Challenged
                ? context.Items[Api.EntraApiTokens.RefusalItem] as string ?? Api.ApiSetup.MissingTokenMessage
                : "The application's roles do not allow this.").ExecuteAsync(context);
            return;
        }

        await HandleForPagesAsync(next, context, policy, authorizeResult);
    }

    private Task HandleForPagesAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var needed = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Select(a => a.Policy)
                .FirstOrDefault(p => p is not null && p.StartsWith("Can", StringComparison.Ordinal));
            if (needed is not null && Enum.TryParse<Permission>(needed[3..], out var permission))
            {
                context.Response.Redirect($"/Account/AccessDenied?permission={permission}");
                return Task.CompletedTask;
            }
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
