using System.Linq.Expressions;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Partners;

/// <summary>A partnership between an indirect provider and an indirect reseller (seed 004). Removal keeps history.</summary>
public class ResellerPartnership
{
    private ResellerPartnership()
    {
    }

    private ResellerPartnership(Guid providerId, Guid resellerId, DateTimeOffset establishedAt)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        ResellerId = resellerId;
        EstablishedAt = establishedAt;
    }

    /// <summary>The reseller accepts the provider's partnership request (seed 004); refused for anyone who may not.</summary>
    public static Result<ResellerPartnership> Establish(Partner provider, Partner reseller, DateTimeOffset now)
    {
        var allowed = PartnershipRules.CanAcceptPartnership(provider, reseller);
        return allowed.Succeeded
            ? Result<ResellerPartnership>.Ok(new ResellerPartnership(provider.Id, reseller.Id, now))
            : Result<ResellerPartnership>.Fail(allowed.Error!);
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public Guid ResellerId { get; private set; }
    public DateTimeOffset EstablishedAt { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsActive => RemovedAt is null;

    /// <summary><see cref="IsActive"/> as an expression the database runs.</summary>
    public static Expression<Func<ResellerPartnership, bool>> Active { get; } = p => p.RemovedAt == null;

    public bool Links(Guid providerId, Guid resellerId) => IsActive && ProviderId == providerId && ResellerId == resellerId;

    public void Remove(DateTimeOffset at) => RemovedAt ??= at;
}
