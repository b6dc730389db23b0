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

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
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
