using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>
/// Who may send a partner's invitation link: its partner's staff with the role for its kind, and, for a link that carries
/// delegated admin, only a role that may request delegated admin (a Sales agent cannot send such a link by knowing its id).
/// </summary>
public sealed class InvitationLinkAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, InvitationLink>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, InvitationLink link)
    {
        if (context.User.PartnerId() != link.PartnerId)
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(Operations.View) => true,
            nameof(Operations.Send) => link.Kind == InvitationKind.Partnership
                ? context.User.Has(Permission.ManageIndirectResellers)
                : context.User.Has(Permission.RequestResellerRelationship)
                    && (!link.IncludesDelegatedAdmin || context.User.Has(Permission.IncludeDelegatedAdmin)),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
