namespace PartnerPortal.Web.Identity.Entra;

/// <summary>
/// An organization's Microsoft Entra tenant, linked by one of its admins who proved it by signing in with an administrator of
/// that tenant. The tenant id is the key, so a tenant belongs to at most one organization; an organization links at most one
/// tenant (unique indexes on each owner column).
/// </summary>
public class EntraTenantLink
{
    private EntraTenantLink()
    {
    }

    public EntraTenantLink(Guid tenantId, Guid? partnerId, Guid? customerId, Guid linkedByUserId, DateTimeOffset now)
    {
        if ((partnerId is null) == (customerId is null))
        {
            throw new ArgumentException("A tenant is linked by exactly one organization.");
        }

        TenantId = tenantId;
        PartnerId = partnerId;
        CustomerId = customerId;
        LinkedByUserId = linkedByUserId;
        LinkedAt = now;
    }

    public Guid TenantId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public Guid LinkedByUserId { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }
}
