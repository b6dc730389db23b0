using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Partnerships;

/// <summary>
/// Which of the signed-in partner's customers it may order for: the partner that bills the customer (a direct-bill partner
/// or the indirect provider). The associated reseller sees the customer and manages licenses but orders through its provider.
/// </summary>
public sealed class SubscriptionAccess(PortalDbContext db)
{
    /// <summary>The customer, if the partner bills it; null for any other id (including another organization's).</summary>
    public async Task<Customer?> BilledCustomerAsync(Guid customerId, Guid partnerId)
    {
        var customer = await db.Customers.AsNoTracking().Include(c => c.Relationships).SingleOrDefaultAsync(c => c.Id == customerId);
        return customer?.ActiveRelationshipWith(partnerId) is null ? null : customer;
    }
}
