using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>What the signed-in partner user may do on each of some customers, and whether the partner holds admin rights there at all.</summary>
public sealed record CustomerAdminRights(IReadOnlySet<Guid> Roles, bool PartnerHoldsAdminRights, IReadOnlyList<DelegatedAdminService> DelegatedAdmin)
{
    public static readonly CustomerAdminRights None = new(new HashSet<Guid>(), false, []);

    public bool Can(CustomerCapability capability) => EntraRoles.CapabilitiesOf(Roles).Contains(capability);

    /// <summary>
    /// The admin-rights half of "who may remove a relationship" (issue 10): where the partner holds admin rights over the
    /// customer (delegated admin or an admin relationship in force), only a user acting there as Global Administrator may end
    /// the relationship; otherwise the partner role alone decides (<c>Operations.RemoveRelationship</c>).
    /// </summary>
    public bool AllowRemovingRelationship => !PartnerHoldsAdminRights || Can(CustomerCapability.RemoveRelationship);
}

/// <summary>
/// Reads, in two queries for a whole page of customers, the Entra roles the signed-in user holds on each: through access
/// assignments of the partner's admin relationships in force whose groups include the user, and through delegated admin (DAP)
/// where the customer still grants it (<see cref="CustomerAdminAccess"/>).
/// </summary>
public sealed class CustomerAdminRoles(PortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<Guid, CustomerAdminRights>> ForAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> customerIds)
    {
        if (user.PartnerId() is null || user.UserId() is not { } userId || customerIds.Count == 0)
        {
            return customerIds.ToDictionary(id => id, _ => CustomerAdminRights.None);
        }

        // Delegated admin the customer grants the partner (the grant filter is the partner's own).
        var ids = customerIds.ToArray();
        var grants = await db.DelegatedAdminGrants.AsNoTracking()
            .Where(g => ids.Contains(g.CustomerId) && g.RevokedAt == null)
            .Select(g => new { g.CustomerId, g.Service })
            .ToListAsync();
        return await WithGrantsAsync(user, userId, ids, id => grants.Where(g => g.CustomerId == id).Select(g => g.Service).ToList());
    }

    /// <summary>One customer whose aggregate is loaded with its grants (an expanded record): its grants are not read again.</summary>
    public async Task<CustomerAdminRights> ForAsync(ClaimsPrincipal user, Customer customer)
    {
        if (user.PartnerId() is not { } partnerId || user.UserId() is not { } userId)
        {
            return CustomerAdminRights.None;
        }

        var services = customer.ActiveGrants.Where(g => g.PartnerId == partnerId).Select(g => g.Service).ToList();
        return (await WithGrantsAsync(user, userId, [customer.Id], _ => services))[customer.Id];
    }

    /// <summary>The roles of each customer from its delegated admin services and the access assignments the user's groups hold.</summary>
    private async Task<IReadOnlyDictionary<Guid, CustomerAdminRights>> WithGrantsAsync(ClaimsPrincipal user, Guid userId, Guid[] ids, Func<Guid, List<DelegatedAdminService>> servicesOf)
    {
        var now = clock.GetUtcNow();

        // Admin relationships in force: active and not past their end (an auto-extending one rolls on), whatever the job has stored yet.
        var inForce = db.AdminRelationships.Where(r => r.CustomerId != null && ids.Contains(r.CustomerId.Value)).Where(AdminRelationshipPhases.InForce(now));
        var held = await inForce
            .Select(r => new
            {
                CustomerId = r.CustomerId!.Value,
                Roles = r.Assignments.Where(a => a.RemovedAt == null && a.ActivatedAt != null && db.GroupMembers.Any(m => m.GroupId == a.GroupId && m.UserId == userId)).Select(a => a.Roles).ToList(),
            })
            .ToListAsync();

        var partnerRoles = user.Roles().ToList();
        return ids.Distinct().ToDictionary(
            id => id,
            id =>
            {
                var services = servicesOf(id);
                var gdap = held.Where(h => h.CustomerId == id).ToList();
                var roles = CustomerAdminAccess.RolesOf(partnerRoles, services, gdap.SelectMany(h => h.Roles).SelectMany(r => r));
                return new CustomerAdminRights(roles, services.Count > 0 || gdap.Count > 0, services);
            });
    }

    public async Task<CustomerAdminRights> ForAsync(ClaimsPrincipal user, Guid customerId) => (await ForAsync(user, [customerId]))[customerId];
}
