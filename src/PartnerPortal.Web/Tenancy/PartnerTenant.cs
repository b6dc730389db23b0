namespace PartnerPortal.Web.Tenancy;

/// <summary>One partner's view for a background job acting for it: the same query filters as its staff's pages.</summary>
public sealed class PartnerTenant(Guid partnerId) : ITenant
{
    public Guid? PartnerId => partnerId;
    public Guid? CustomerId => null;
    public bool IsSystem => false;
}
