using PartnerPortal.Domain.Clouds;

namespace PartnerPortal.Domain.Catalog;

public enum BillingType
{
    LicenseBased,
    UsageBased,
}

/// <summary>An offer in a cloud's catalog.</summary>
public class Offer
{
    private Offer()
    {
        Name = null!;
    }

    public Offer(Cloud cloud, string name, BillingType billingType, int maxQuantity)
    {
        Id = Guid.CreateVersion7();
        Cloud = cloud;
        Name = name;
        BillingType = billingType;
        MaxQuantity = maxQuantity;
    }

    public Guid Id { get; private set; }
    public Cloud Cloud { get; private set; }
    public string Name { get; private set; }
    public BillingType BillingType { get; private set; }

    /// <summary>Licenses per order for a license-based offer; usage-based offers are always quantity 1.</summary>
    public int MaxQuantity { get; private set; }
}
