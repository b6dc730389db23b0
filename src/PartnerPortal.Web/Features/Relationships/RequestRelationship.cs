using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Relationships;

/// <summary>
/// "Request a reseller relationship" (seed 000 steps 1-2, seed 003 step 1): the cloud's delegated-admin rule, the role's, and
/// for an indirect reseller the provider it invites for; the value is the partner's reusable link. The page and the API
/// both call it.
/// </summary>
public sealed class RequestRelationshipHandler(PortalDbContext db, InvitationLinks links, PartnershipQueries partnerships, AuditTrail audit)
{
    public async Task<CommandResult<InvitationLink>> HandleAsync(ClaimsPrincipal user, bool includeDelegatedAdmin, Guid? providerId)
    {
        if (!user.Has(Permission.RequestResellerRelationship) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<InvitationLink>.Forbidden;
        }

        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
        var decision = RelationshipRequestRules.DecideDelegatedAdmin(CloudPolicies.For(partner.Cloud), includeDelegatedAdmin, user.Roles());
        if (!decision.Succeeded)
        {
            return CommandResult<InvitationLink>.Refused(decision.Error!);
        }

        if (partner.Kind == PartnerKind.IndirectReseller)
        {
            var partnered = providerId is { } chosen && await partnerships.IsActiveAsync(chosen, partner.Id);
            if (!partnered)
            {
                return CommandResult<InvitationLink>.Refused(PortalRefusals.Relationships.UnknownIndirectProvider);
            }
        }
        else
        {
            providerId = null;
        }

        var link = await links.GetOrCreateAsync(InvitationKind.ResellerRelationship, partner.Id, decision.Value, providerId);
        audit.Record("RelationshipRequested", partner.Id, null, null, null, new { IncludesDelegatedAdmin = decision.Value, IndirectProviderId = providerId });
        await db.SaveChangesAsync();
        return CommandResult<InvitationLink>.Done(link);
    }
}
