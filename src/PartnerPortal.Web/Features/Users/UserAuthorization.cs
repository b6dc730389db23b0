using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Users;

/// <summary>Who may see and change a user: the same organization's user managers; nobody changes their own roles.</summary>
public sealed class OrganizationUserAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ApplicationUser>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ApplicationUser user)
    {
        var sameOrganization = (user.PartnerId is not null && user.PartnerId == context.User.PartnerId())
            || (user.CustomerId is not null && user.CustomerId == context.User.CustomerId());
        var allowed = sameOrganization && requirement.Name switch
        {
            nameof(Operations.View) => context.User.Has(Permission.ManageUsers),
            nameof(Operations.ChangeRoles) => context.User.Has(Permission.ManageUsers) && context.User.UserId() != user.Id,
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
