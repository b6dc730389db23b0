using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.IndirectResellers;

/// <summary>Reads about the signed-in partner's indirect partnerships (the query filters already scope them).</summary>
public sealed class PartnershipQueries(PortalDbContext db)
{
    public sealed record ResellerRow(Guid Id, string Name, string MpnId, string Country, bool AcceptedPartnerAgreement, DateTimeOffset PartneredSince, int Customers);

    /// <summary>Every partnership not removed: the one place the portal asks which partnerships are in force.</summary>
    public IQueryable<ResellerPartnership> Active => db.ResellerPartnerships.Where(ResellerPartnership.Active);

    public IQueryable<Guid> ActiveResellerIds(Guid providerId) => Active.Where(p => p.ProviderId == providerId).Select(p => p.ResellerId);

    public IQueryable<Guid> ActiveProviderIds(Guid resellerId) => Active.Where(p => p.ResellerId == resellerId).Select(p => p.ProviderId);

    /// <summary>The active partnership between the two, if any (the domain's rules take it as proof of partnership).</summary>
    public Task<ResellerPartnership?> ActiveAsync(Guid providerId, Guid resellerId) =>
        Active.AsNoTracking().SingleOrDefaultAsync(p => p.ProviderId == providerId && p.ResellerId == resellerId);

    public Task<bool> IsActiveAsync(Guid providerId, Guid resellerId) =>
        Active.AnyAsync(p => p.ProviderId == providerId && p.ResellerId == resellerId);

    /// <summary>A reseller's indirect providers, for pickers.</summary>
    public Task<List<Partner>> ActiveProvidersAsync(Guid resellerId) =>
        db.Partners.AsNoTracking().Where(p => ActiveProviderIds(resellerId).Contains(p.Id)).OrderBy(p => p.DisplayName).ToListAsync();

    /// <summary>The provider's partnered resellers, for pickers.</summary>
    public Task<List<Partner>> ActiveResellersAsync(Guid providerId) =>
        db.Partners.AsNoTracking().Where(p => ActiveResellerIds(providerId).Contains(p.Id)).OrderBy(p => p.DisplayName).ToListAsync();

    /// <summary>Seed 004 "Indirect resellers" page rows: name, MPN ID, country, partnered since, number of customers.</summary>
    public Task<List<ResellerRow>> ResellerRowsAsync(Guid providerId) =>
        Active.AsNoTracking()
            .Where(p => p.ProviderId == providerId)
            .Join(db.Partners, p => p.ResellerId, r => r.Id, (p, r) => new { p, r })
            .OrderBy(x => x.r.DisplayName)
            .Select(x => new ResellerRow(
                x.r.Id,
                x.r.DisplayName,
                x.r.MpnId,
                x.r.Country,
                x.r.HasAcceptedPartnerAgreement,
                x.p.EstablishedAt,
                db.CustomerRelationships.Count(c => c.PartnerId == providerId && c.IndirectResellerId == x.r.Id && c.RemovedAt == null)))
            .ToListAsync();
}
