namespace PartnerPortal.Domain.Relationships;

/// <summary>
/// A reseller relationship between a partner and a customer. Removing it keeps the row (history); only
/// <see cref="IsActive"/> relationships put the customer on the partner's Customers page.
/// </summary>
public class CustomerRelationship
{
    private CustomerRelationship()
    {
    }

    internal CustomerRelationship(Guid customerId, string customerName, string customerDomain, Guid partnerId, Guid? indirectResellerId, DateTimeOffset establishedAt)
    {
        Id = Guid.CreateVersion7();
        CustomerId = customerId;
        CustomerName = customerName;
        CustomerDomain = customerDomain;
        PartnerId = partnerId;
        IndirectResellerId = indirectResellerId;
        EstablishedAt = establishedAt;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }

    /// <summary>
    /// The customer's company name, kept with the relationship so that a partner's customer list is one ordered index range
    /// (partner, name, customer): paging it costs the same for 100 customers or 100,000 (issue 11). Company names do not change.
    /// </summary>
    public string CustomerName { get; private set; } = string.Empty;

    /// <summary>The customer's initial domain, kept here too so the list's search reads one table. Domains do not change.</summary>
    public string CustomerDomain { get; private set; } = string.Empty;

    /// <summary>The partner that bills the customer: a direct-bill partner or an indirect provider.</summary>
    public Guid PartnerId { get; private set; }

    /// <summary>For an indirect provider's customer, the indirect reseller associated with the customer.</summary>
    public Guid? IndirectResellerId { get; private set; }
    public DateTimeOffset EstablishedAt { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsActive => RemovedAt is null;

    internal void Remove(DateTimeOffset at) => RemovedAt ??= at;

    internal void AssociateReseller(Guid resellerId) => IndirectResellerId = resellerId;
}
