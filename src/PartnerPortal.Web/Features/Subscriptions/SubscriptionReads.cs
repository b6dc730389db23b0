using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Subscriptions;

/// <summary>
/// Reads of a customer's subscriptions through the same authorization as the writes: the customer must be one the signed-in
/// partner sees (<see cref="CustomerRecords.ViewableAsync"/>), and each subscription one it sells or resells
/// (<see cref="Subscription.VisibleTo"/>, <see cref="SubscriptionAuthorizationHandler"/>). Null means "not found", whoever owns it.
/// </summary>
public sealed class SubscriptionReads(PortalDbContext db, CustomerRecords customers, IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<Subscription>?> ListAsync(ClaimsPrincipal user, Guid customerId)
    {
        if (await customers.ViewableAsync(user, customerId) is null || user.PartnerId() is not { } partnerId)
        {
            return null;
        }

        return await db.Subscriptions.AsNoTracking().Include(s => s.Offer)
            .Where(s => s.CustomerId == customerId).Where(Subscription.VisibleTo(partnerId))
            .OrderBy(s => s.CreatedAt).ToListAsync();
    }

    public async Task<Subscription?> FindAsync(ClaimsPrincipal user, Guid customerId, Guid id)
    {
        var subscription = await db.Subscriptions.AsNoTracking().Include(s => s.Offer).SingleOrDefaultAsync(s => s.Id == id && s.CustomerId == customerId);
        var customer = subscription is null ? null : await db.CustomerAggregates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId);
        return subscription is not null && customer is not null
            && (await authorization.AuthorizeAsync(user, new SubscriptionOfCustomer(subscription, customer), Operations.View)).Succeeded
            ? subscription
            : null;
    }
}
