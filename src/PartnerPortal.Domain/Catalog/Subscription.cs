using System.Linq.Expressions;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Domain.Catalog;

public enum SubscriptionStatus
{
    Active,
    Suspended,
}

/// <summary>A customer's subscription to an offer, billed through a partner, optionally associated with an indirect reseller.</summary>
public class Subscription
{
    private Subscription()
    {
    }

    private Subscription(Guid customerId, Guid partnerId, Offer offer, int quantity, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        CustomerId = customerId;
        PartnerId = partnerId;
        OfferId = offer.Id;
        Quantity = quantity;
        Status = SubscriptionStatus.Active;
        CreatedAt = createdAt;
    }

    /// <summary>
    /// A partner orders a subscription for its customer (seed 004 "Add new subscriptions"). Refused unless the seller bills the
    /// customer through an active relationship, the offer is from the customer's cloud, the quantity fits the offer, and a named
    /// reseller passes the "Reseller (MPN ID)" checks.
    /// </summary>
    public static Result<Subscription> Create(Customer customer, Partner seller, Offer offer, int quantity, Partner? reseller, ResellerPartnership? partnership, DateTimeOffset now)
    {
        if (customer.ActiveRelationshipWith(seller.Id) is null)
        {
            return Result<Subscription>.Fail(Refusals.Customers.NoActiveRelationship);
        }

        if (offer.Cloud != customer.Cloud)
        {
            return Result<Subscription>.Fail(Refusals.Subscriptions.UnknownOffer);
        }

        var valid = ValidateQuantity(offer, quantity);
        if (!valid.Succeeded)
        {
            return Result<Subscription>.Fail(valid.Error!);
        }

        var subscription = new Subscription(customer.Id, seller.Id, offer, quantity, now);
        var assigned = subscription.AssignReseller(seller, reseller, partnership);
        return assigned.Succeeded ? Result<Subscription>.Ok(subscription) : Result<Subscription>.Fail(assigned.Error!);
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }

    /// <summary>The partner that sells the subscription (direct-bill partner or indirect provider).</summary>
    public Guid PartnerId { get; private set; }
    public Guid OfferId { get; private set; }
    public Offer? Offer { get; private set; }
    public int Quantity { get; private set; }
    public SubscriptionStatus Status { get; private set; }

    /// <summary>The indirect reseller credited with the subscription ("Reseller (MPN ID)", seed 004).</summary>
    public Guid? ResellerId { get; private set; }

    /// <summary>Who handles support requests: null for the selling partner itself, or a partnered reseller (seed 004).</summary>
    public Guid? SupportContactId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint Version { get; private set; }

    /// <summary>A partner sees a subscription it sells or is credited with as reseller; for queries, <see cref="VisibleTo"/>.</summary>
    public bool IsVisibleTo(Guid partnerId) => PartnerId == partnerId || ResellerId == partnerId;

    /// <summary><see cref="IsVisibleTo"/> as an expression the database runs.</summary>
    public static Expression<Func<Subscription, bool>> VisibleTo(Guid partnerId) => s => s.PartnerId == partnerId || s.ResellerId == partnerId;

    /// <summary>
    /// "Reseller (MPN ID)" (seed 004): null clears it; otherwise the reseller must be partnered with the seller and have accepted
    /// the Microsoft Partner Agreement. Each failed condition says which.
    /// </summary>
    public Result AssignReseller(Partner seller, Partner? reseller, ResellerPartnership? partnership)
    {
        if (seller.Id != PartnerId)
        {
            return Result.Fail(Refusals.Subscriptions.OnlySellerChangesReseller);
        }

        if (reseller is null)
        {
            ResellerId = null;
            return Result.Ok();
        }

        var partnered = partnership is not null && partnership.Links(seller.Id, reseller.Id);
        var checkedReseller = PartnershipRules.CheckResellerForSubscription(reseller.MpnId, reseller, partnered);
        if (checkedReseller.Succeeded)
        {
            ResellerId = reseller.Id;
        }

        return checkedReseller;
    }

    /// <summary>
    /// Null designates the selling partner itself ("you"), otherwise one of its partnered resellers (seed 004). Keeping the
    /// current contact is always allowed, even after its partnership ended: saving another field never changes it silently.
    /// </summary>
    public Result DesignateSupportContact(Guid? partnerId, bool isPartneredReseller)
    {
        if (partnerId is not null && partnerId != SupportContactId && !isPartneredReseller)
        {
            return Result.Fail(Refusals.Subscriptions.InvalidSupportContact);
        }

        SupportContactId = partnerId;
        return Result.Ok();
    }

    public Result ChangeQuantity(Offer offer, int quantity)
    {
        var valid = ValidateQuantity(offer, quantity);
        if (valid.Succeeded)
        {
            Quantity = quantity;
        }

        return valid;
    }

    /// <summary>License-based offers take 1 to the offer's maximum licenses; usage-based offers are always 1.</summary>
    public static Result ValidateQuantity(Offer offer, int quantity)
    {
        if (offer.BillingType == BillingType.UsageBased)
        {
            return quantity == 1 ? Result.Ok() : Result.Fail(Refusals.Subscriptions.UsageBilled, offer.Name);
        }

        return quantity >= 1 && quantity <= offer.MaxQuantity
            ? Result.Ok()
            : Result.Fail(Refusals.Subscriptions.QuantityOutOfRange, new Count(offer.MaxQuantity, "to {0} license|to {0} licenses"), offer.Name);
    }
}
