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

    public async Task<Subscription?> FindAsync(ClaimsPrincipal user, Guid customerId, Guid id) =>
        (await ViewableAsync(user, id, customerId))?.Subscription;

    /// <summary>
    /// The one way a subscription is looked up for a person (pages, API and the change handler): with its offer and its
    /// customer, and only when the user may view it; null otherwise, so "not found" and "not yours" look the same.
    /// <paramref name="tracked"/> is for a caller that changes and saves it.
    /// </summary>
    public async Task<SubscriptionOfCustomer?> ViewableAsync(ClaimsPrincipal user, Guid id, Guid? customerId = null, bool tracked = false)
    {
        var subscriptions = tracked ? db.Subscriptions : db.Subscriptions.AsNoTracking();
        var subscription = await subscriptions.Include(s => s.Offer).SingleOrDefaultAsync(s => s.Id == id && (customerId == null || s.CustomerId == customerId));
        if (subscription is null)
        {
            return null;
        }

        var customers = tracked ? db.CustomerAggregates : db.CustomerAggregates.AsNoTracking();
        var customer = await customers.SingleOrDefaultAsync(c => c.Id == subscription.CustomerId);
        if (customer is null)
        {
            return null;
        }

        var resource = new SubscriptionOfCustomer(subscription, customer);
        return (await authorization.AuthorizeAsync(user, resource, Operations.View)).Succeeded ? resource : null;
    }
}
