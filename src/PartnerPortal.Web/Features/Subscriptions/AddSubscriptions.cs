using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Subscriptions;

/// <summary>
/// Seed 004 "Add new subscriptions to customer accounts": the billing partner orders one or more subscriptions, optionally
/// crediting a partnered reseller. Submitting the same form twice adds them once.
/// </summary>
public sealed class AddSubscriptionsHandler(
    PortalDbContext db,
    IAuthorizationService authorization,
    PartnershipQueries partnerships,
    FormSubmissions forms,
    AuditTrail audit,
    TimeProvider clock)
{
    public const string FormName = "AddSubscriptions";

    public sealed record Order(IReadOnlyList<(Offer Offer, int Quantity)> Lines, Guid? ResellerId, Guid FormToken);

    public sealed record OrderOptions(Customer Customer, IReadOnlyList<Offer> Offers, IReadOnlyList<Partner> Resellers);

    /// <summary>What the order form offers: the customer's cloud's catalog and the seller's partnered resellers.</summary>
    public async Task<CommandResult<OrderOptions>> LoadAsync(ClaimsPrincipal user, Guid customerId)
    {
        var customer = await db.CustomerAggregates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == customerId);
        if (customer is null || !(await authorization.AuthorizeAsync(user, customer, Operations.View)).Succeeded)
        {
            return CommandResult<OrderOptions>.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, customer, Operations.Order)).Succeeded)
        {
            return CommandResult<OrderOptions>.Forbidden;
        }

        var offers = await db.Offers.AsNoTracking().Where(o => o.Cloud == customer.Cloud).OrderBy(o => o.Name).ToListAsync();
        return CommandResult<OrderOptions>.Done(new OrderOptions(customer, offers, await partnerships.ActiveResellersAsync(user.PartnerId()!.Value)));
    }

    /// <summary>Adds the subscriptions; the value is how many were added (0 when this form was already submitted).</summary>
    public async Task<CommandResult<int>> HandleAsync(ClaimsPrincipal user, Guid customerId, Order order)
    {
        var catalog = await LoadAsync(user, customerId);
        if (!catalog.Succeeded)
        {
            return new CommandResult<int>(catalog.Status);
        }

        var customer = catalog.Value!.Customer;
        var seller = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == user.PartnerId());
        Partner? reseller = null;
        ResellerPartnership? partnership = null;
        if (order.ResellerId is { } resellerId)
        {
            reseller = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == resellerId);
            partnership = await partnerships.ActiveAsync(seller.Id, resellerId);
            if (reseller is null)
            {
                return CommandResult<int>.Refused(PortalRefusals.Resellers.UnknownReseller);
            }
        }

        var now = clock.GetUtcNow();
        var subscriptions = new List<Subscription>();
        foreach (var (offer, quantity) in order.Lines)
        {
            var created = Subscription.Create(customer, seller, offer, quantity, reseller, partnership, now);
            if (!created.Succeeded)
            {
                return CommandResult<int>.Refused(created.Error!);
            }

            subscriptions.Add(created.Value);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(order.FormToken, FormName, user.Identity!.Name!);
        if (!claim.IsFirst)
        {
            return CommandResult<int>.Done(0);
        }

        db.Subscriptions.AddRange(subscriptions);
        audit.Record("SubscriptionsAdded", seller.Id, customer.Id, customer.CompanyName, null, new
        {
            Subscriptions = order.Lines.Select(x => new { Offer = x.Offer.Name, x.Quantity }),
            Reseller = reseller?.DisplayName,
        });
        claim.Claimed?.Complete(subscriptions[0].Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<int>.Done(subscriptions.Count);
    }
}
