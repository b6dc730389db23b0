using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Subscriptions;

/// <summary>
/// Seed 004's subscription details: license count (seller or associated reseller), "Reseller (MPN ID)" and "Designated support
/// contact" (the seller). A form drawn from an older row version is refused instead of overwriting a colleague's change.
/// </summary>
public sealed class UpdateSubscriptionHandler(PortalDbContext db, IAuthorizationService authorization, SubscriptionReads reads, PartnershipQueries partnerships, AuditTrail audit)
{
    public sealed record Changes(int Quantity, string? ResellerMpnId, Guid? SupportContactId, uint Version);

    public sealed record Loaded(
        Subscription Subscription,
        Customer Customer,
        Partner Seller,
        bool IsSeller,
        IReadOnlyList<Partner> PartneredResellers,
        Partner? Reseller,
        Partner? SupportContact);

    public async Task<CommandResult<Loaded>> LoadAsync(ClaimsPrincipal user, Guid id)
    {
        if (await reads.ViewableAsync(user, id, tracked: true) is not { } resource)
        {
            return CommandResult<Loaded>.NotFound;
        }

        var (subscription, customer) = resource;

        if (!(await authorization.AuthorizeAsync(user, resource, Operations.ChangeQuantity)).Succeeded)
        {
            return CommandResult<Loaded>.Forbidden;
        }

        var isSeller = (await authorization.AuthorizeAsync(user, resource, Operations.ChangeSellerFields)).Succeeded;
        var named = new[] { subscription.PartnerId, subscription.ResellerId, subscription.SupportContactId }.OfType<Guid>().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => named.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        return CommandResult<Loaded>.Done(new Loaded(
            subscription,
            customer,
            partners[subscription.PartnerId],
            isSeller,
            isSeller ? await partnerships.ActiveResellersAsync(subscription.PartnerId) : [],
            subscription.ResellerId is { } r ? partners[r] : null,
            subscription.SupportContactId is { } c ? partners[c] : null));
    }

    public async Task<CommandResult<Loaded>> HandleAsync(ClaimsPrincipal user, Guid id, Changes changes)
    {
        var loaded = await LoadAsync(user, id);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var (subscription, customer, seller, isSeller, resellers, _, _) = loaded.Value!;
        var before = Describe(subscription, loaded.Value!.Reseller?.MpnId, loaded.Value.SupportContact?.DisplayName ?? seller.DisplayName);
        var quantity = subscription.ChangeQuantity(subscription.Offer!, changes.Quantity);
        if (!quantity.Succeeded)
        {
            return CommandResult<Loaded>.Refused(quantity.Error!);
        }

        Partner? reseller = null;
        if (isSeller)
        {
            var mpn = changes.ResellerMpnId?.Trim();
            reseller = string.IsNullOrEmpty(mpn) ? null : await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.MpnId == mpn);
            if (!string.IsNullOrEmpty(mpn) && reseller is null)
            {
                return CommandResult<Loaded>.Refused(Refusals.Partnerships.UnknownMpnId, mpn);
            }

            var partnership = reseller is null ? null : await partnerships.ActiveAsync(seller.Id, reseller.Id);
            var assigned = subscription.AssignReseller(seller, reseller, partnership);
            if (!assigned.Succeeded)
            {
                return CommandResult<Loaded>.Refused(assigned.Error!);
            }

            var contact = subscription.DesignateSupportContact(changes.SupportContactId, resellers.Any(r => r.Id == changes.SupportContactId));
            if (!contact.Succeeded)
            {
                return CommandResult<Loaded>.Refused(contact.Error!);
            }
        }
        else
        {
            reseller = loaded.Value.Reseller;
        }

        // Compare against the version the user saw, not the one just loaded: a colleague's save in between is a conflict.
        db.Entry(subscription).Property(s => s.Version).OriginalValue = changes.Version;
        var contactName = subscription.SupportContactId is { } contactId
            ? resellers.FirstOrDefault(r => r.Id == contactId)?.DisplayName ?? loaded.Value.SupportContact?.DisplayName
            : seller.DisplayName;
        var after = Describe(subscription, reseller?.MpnId, contactName);
        audit.Record("SubscriptionUpdated", subscription.PartnerId, customer.Id, customer.CompanyName, before, after);
        if (subscription.ResellerId is { } resellerId)
        {
            audit.Record("SubscriptionUpdated", resellerId, customer.Id, customer.CompanyName, before, after);
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return CommandResult<Loaded>.Conflict(PortalRefusals.Subscriptions.ChangedMeanwhile);
        }

        return loaded;
    }

    private static object Describe(Subscription subscription, string? resellerMpnId, string? supportContact) => new
    {
        Offer = subscription.Offer!.Name,
        subscription.Quantity,
        ResellerMpnId = resellerMpnId,
        SupportContact = supportContact,
    };
}
