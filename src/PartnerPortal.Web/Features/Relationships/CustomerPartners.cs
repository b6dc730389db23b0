using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Relationships;

/// <summary>A partner as the signed-in customer sees it: how it is related, since when, and which delegated admin it holds.</summary>
public sealed record CustomerPartner(Guid Id, string Name, string Relationship, string Country, DateTimeOffset? Since, IReadOnlyList<DelegatedAdminService> Services);

/// <summary>A granular delegated admin relationship as the customer sees it (issue 10).</summary>
public sealed record CustomerAdminRelationship(Guid Id, string Partner, string Name, AdminRelationshipPhase Phase, AdminRelationshipEnd? End, IReadOnlyList<EntraRole> Roles, DateTimeOffset? EndsAt, bool AutoExtend)
{
    public bool InForce => Phase is AdminRelationshipPhase.Active or AdminRelationshipPhase.Expiring;
}

/// <summary>
/// Seed 003 step 4: what the signed-in customer's Partner relationships page shows, read through the customer's tenant
/// scoping: every partner related to it (directly, as an indirect reseller, or holding delegated admin only) and its admin
/// relationships.
/// </summary>
public sealed class CustomerPartners(PortalDbContext db, ITenant tenant, TimeProvider clock)
{
    /// <summary>The customer's admin center's name (for the page's header) and its partners, by name.</summary>
    public async Task<(string AdminCenter, IReadOnlyList<CustomerPartner> Partners)> PartnersAsync()
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Id == tenant.CustomerId);
        var active = customer.Relationships.Where(r => r.IsActive).ToList();
        var grants = customer.ActiveGrants.ToList();
        var ids = active.Select(r => r.PartnerId)
            .Concat(active.Where(r => r.IndirectResellerId is not null).Select(r => r.IndirectResellerId!.Value))
            .Concat(grants.Select(g => g.PartnerId))
            .Distinct()
            .ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
        var rows = partners
            .Select(p =>
            {
                var direct = active.FirstOrDefault(r => r.PartnerId == p.Id);
                var viaReseller = active.FirstOrDefault(r => r.IndirectResellerId == p.Id);
                var relationship = direct is not null ? "Reseller" : viaReseller is not null ? "Indirect reseller" : "Delegated admin only";
                return new CustomerPartner(
                    p.Id,
                    p.DisplayName,
                    relationship,
                    CountryNames.Display(p.Country),
                    (direct ?? viaReseller)?.EstablishedAt,
                    grants.Where(g => g.PartnerId == p.Id).Select(g => g.Service).Order().ToList());
            })
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        return (CloudPolicies.For(customer.Cloud).AdminCenterName, rows);
    }

    /// <summary>The customer's admin relationships past "created", newest first, as of now.</summary>
    public async Task<IReadOnlyList<CustomerAdminRelationship>> AdminRelationshipsAsync()
    {
        var now = clock.GetUtcNow();
        var relationships = await db.AdminRelationships.AsNoTracking().Where(r => r.Status != AdminRelationshipStatus.Created).OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync();
        return [.. relationships.Select(r => new CustomerAdminRelationship(r.Id, r.PartnerName, r.DisplayName, r.PhaseAt(now), r.EndReason, EntraRoles.InOrder(r.Roles), r.EndsAtAsOf(now), r.AutoExtend))];
    }
}
