namespace PartnerPortal.Domain.Relationships;

/// <summary>Delegated admin privileges for one service, held by one partner. Revoking keeps the row (history).</summary>
public class DelegatedAdminGrant
{
    private DelegatedAdminGrant()
    {
    }

    internal DelegatedAdminGrant(Guid customerId, Guid partnerId, DelegatedAdminService service, DateTimeOffset grantedAt)
    {
        Id = Guid.CreateVersion7();
        CustomerId = customerId;
        PartnerId = partnerId;
        Service = service;
        GrantedAt = grantedAt;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public Guid PartnerId { get; private set; }
    public DelegatedAdminService Service { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    internal void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
