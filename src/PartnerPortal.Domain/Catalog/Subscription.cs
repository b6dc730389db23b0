using PartnerPortal.Domain.Common;

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

    public Subscription(Guid customerId, Guid partnerId, Offer offer, int quantity, Guid? resellerId, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        CustomerId = customerId;
        PartnerId = partnerId;
        OfferId = offer.Id;
        Quantity = quantity;
        Status = SubscriptionStatus.Active;
        ResellerId = resellerId;
        CreatedAt = createdAt;
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

    public void AssignReseller(Guid? resellerId) => ResellerId = resellerId;

    /// <summary>Null designates the selling partner itself ("you"), otherwise one of its partnered resellers (seed 004).</summary>
    public void DesignateSupportContact(Guid? partnerId) => SupportContactId = partnerId;

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
            return quantity == 1 ? Result.Ok() : Result.Fail("{0} is billed by usage; its quantity is always 1.", offer.Name);
        }

        return quantity >= 1 && quantity <= offer.MaxQuantity
            ? Result.Ok()
            : Result.Fail("Enter from 1 to {0} licenses for {1}.", offer.MaxQuantity, offer.Name);
    }
}
