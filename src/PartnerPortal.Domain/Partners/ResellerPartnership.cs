namespace PartnerPortal.Domain.Partners;

/// <summary>A partnership between an indirect provider and an indirect reseller (seed 004). Removal keeps history.</summary>
public class ResellerPartnership
{
    private ResellerPartnership()
    {
    }

    public ResellerPartnership(Guid providerId, Guid resellerId, DateTimeOffset establishedAt)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        ResellerId = resellerId;
        EstablishedAt = establishedAt;
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid ResellerId { get; private set; }
    public DateTimeOffset EstablishedAt { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsActive => RemovedAt is null;

    public void Remove(DateTimeOffset at) => RemovedAt ??= at;
}
