using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.IndirectResellers;

/// <summary>
/// Seed 004 step 2, "select Request a partnership. A draft email message appears.": the provider's partnership link (one per
/// provider, made on first use), which the draft shows.
/// </summary>
public sealed class RequestPartnershipHandler(PortalDbContext db, ITenant tenant, InvitationLinks links, AuditTrail audit)
{
    public async Task<InvitationLink> HandleAsync()
    {
        var link = await links.GetOrCreateAsync(InvitationKind.Partnership, tenant.PartnerId!.Value, includesDelegatedAdmin: false, indirectProviderId: null);
        audit.Record("PartnershipRequested", tenant.PartnerId, null, null, null, null);
        await db.SaveChangesAsync();
        return link;
    }
}
