using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Data;

/// <summary>
/// The only reads that cross organization scoping, each for a named reason. Following an invitation link, the invitee must
/// see which partner invited it, though it has no relationship with that partner yet.
/// </summary>
public sealed class CrossOrganizationLookups(PortalDbContext db)
{
    /// <summary>The invitation behind a link's code, or null for a code that was altered or never issued.</summary>
    public async Task<InvitationLink?> FindInvitationLinkAsync(string? code, CancellationToken ct = default)
    {
        if (!InvitationLink.LooksLikeCode(code))
        {
            return null;
        }

        return await db.InvitationLinks.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(l => l.Code == code, ct);
    }

    /// <summary>Marks a tracked invitation email as accepted or declined; the ref must belong to the link's partner.</summary>
    public async Task<SentInvitation?> FindSentInvitationAsync(InvitationLink link, Guid? sentInvitationId, CancellationToken ct = default)
    {
        if (sentInvitationId is null)
        {
            return null;
        }

        return await db.SentInvitations.IgnoreQueryFilters()
            .SingleOrDefaultAsync(s => s.Id == sentInvitationId && s.LinkId == link.Id, ct);
    }

    /// <summary>
    /// The active partnership behind a reseller's link issued on a provider's behalf: the customer following the link cannot
    /// see partnerships, but the link stops working when the partnership ends.
    /// </summary>
    public Task<ResellerPartnership?> ActivePartnershipAsync(Guid providerId, Guid resellerId, CancellationToken ct = default) =>
        db.ResellerPartnerships.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(p => p.ProviderId == providerId && p.ResellerId == resellerId && p.RemovedAt == null, ct);

    /// <summary>Names of the partners holding delegated admin, shown to the customer choosing whom to keep.</summary>
    public Task<Dictionary<Guid, string>> PartnerNamesAsync(IReadOnlyCollection<Guid> partnerIds, CancellationToken ct = default) =>
        db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);

    public Task<Partner?> FindPartnerAsync(Guid partnerId, CancellationToken ct = default) =>
        db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, ct);

    /// <summary>Whether an initial domain is taken by any organization (domains are unique portal-wide).</summary>
    public Task<bool> DomainTakenAsync(string domain, CancellationToken ct = default) =>
        db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Domain == domain, ct);

    /// <summary>Which organization, if any, linked a Microsoft Entra tenant: the sign-in of someone not yet known needs it.</summary>
    public Task<Identity.Entra.EntraTenantLink?> FindEntraTenantLinkAsync(Guid tenantId, CancellationToken ct = default) =>
        db.EntraTenantLinks.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(l => l.TenantId == tenantId, ct);

    /// <summary>An earlier first sign-in of the same person, whatever its state.</summary>
    public Task<Identity.Entra.EntraSignInRequest?> FindEntraSignInRequestAsync(Guid tenantId, Guid objectId, CancellationToken ct = default) =>
        db.EntraSignInRequests.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenantId && r.ObjectId == objectId, ct);

    /// <summary>The cloud an organization works in, before anyone of it is signed in.</summary>
    public async Task<Domain.Clouds.Cloud> CloudOfAsync(Guid? partnerId, Guid? customerId, CancellationToken ct = default) =>
        partnerId is { } p
            ? await db.Partners.Where(x => x.Id == p).Select(x => x.Cloud).SingleAsync(ct)
            : await db.Customers.IgnoreQueryFilters().Where(x => x.Id == customerId).Select(x => x.Cloud).SingleAsync(ct);

    /// <summary>
    /// Ids of up to <paramref name="limit"/> customers, of any organization, whose company name contains the pattern; null when
    /// more match. The Audit log uses them to find its own entries about a customer by id (an index lookup) instead of
    /// searching a million subjects; the ids themselves are never shown, and the entries stay the partner's own.
    /// </summary>
    public async Task<List<Guid>?> CustomerIdsNamedLikeAsync(string pattern, int limit, CancellationToken ct = default)
    {
        var ids = await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => EF.Functions.ILike(c.CompanyName, EF.Constant(pattern), SearchPattern.Escape))
            .Select(c => c.Id).Take(limit + 1).ToListAsync(ct);
        return ids.Count > limit ? null : ids;
    }

    /// <summary>
    /// The admin relationship behind an approval link's code (issue 10), tracked so the customer's answer can change it: a
    /// request for a customer not yet known has no customer, so the customer's own scope cannot find it. Null for a code that
    /// was altered or never issued.
    /// </summary>
    public async Task<Domain.AdminRelationships.AdminRelationship?> FindAdminRelationshipAsync(string? code, CancellationToken ct = default)
    {
        if (!Domain.AdminRelationships.AdminRelationship.LooksLikeCode(code))
        {
            return null;
        }

        return await db.AdminRelationships.IgnoreQueryFilters().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.Code == code, ct);
    }

    /// <summary>The emails that carried an admin relationship's link: the customer's answer shows on the partner's Invitations.</summary>
    public Task<List<SentInvitation>> SentCopiesOfAsync(Guid adminRelationshipId, CancellationToken ct = default) =>
        db.SentInvitations.IgnoreQueryFilters().Where(s => s.AdminRelationshipId == adminRelationshipId && s.Kind == InvitationKind.AdminRelationship).ToListAsync(ct);

    /// <summary>An application presenting its client id at the token endpoint: nobody is signed in yet.</summary>
    public Task<Api.ApiApplication?> FindApiApplicationAsync(Guid clientId, CancellationToken ct = default) =>
        db.ApiApplications.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(a => a.Id == clientId, ct);
}
