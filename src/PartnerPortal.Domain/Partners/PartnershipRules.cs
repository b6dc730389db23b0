using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Partners;

/// <summary>Seed 004: who can partner with whom, and which reseller may be named on a subscription.</summary>
public static class PartnershipRules
{
    /// <summary>
    /// "Before you can start working with resellers, they must be enrolled as indirect resellers in the CSP program" (seed 004
    /// IMPORTANT), in the provider's cloud.
    /// </summary>
    public static Result CanAcceptPartnership(Partner provider, Partner accepting)
    {
        if (provider.Kind != PartnerKind.IndirectProvider)
        {
            return Result.Fail(Refusals.Partnerships.NotAnIndirectProvider, provider.DisplayName);
        }

        if (accepting.Kind != PartnerKind.IndirectReseller)
        {
            return Result.Fail(Refusals.Partnerships.AcceptorNotReseller, accepting.DisplayName);
        }

        if (accepting.Cloud != provider.Cloud)
        {
            return Result.Fail(Refusals.Partnerships.OtherCloud, provider.DisplayName, CloudPolicies.For(provider.Cloud).DisplayName);
        }

        return Result.Ok();
    }

    /// <summary>
    /// An indirect reseller acts for a provider (invites on its behalf, gets customers added for it) only while their partnership
    /// is active: a link issued on behalf of a provider stops working when the partnership ends.
    /// </summary>
    public static Result CheckActivePartnership(Partner provider, Partner reseller, ResellerPartnership? partnership)
    {
        if (provider.Kind != PartnerKind.IndirectProvider)
        {
            return Result.Fail(Refusals.Partnerships.NotAnIndirectProvider, provider.DisplayName);
        }

        if (reseller.Kind != PartnerKind.IndirectReseller)
        {
            return Result.Fail(Refusals.Partnerships.NotEnrolledAsReseller, reseller.DisplayName);
        }

        return partnership is not null && partnership.Links(provider.Id, reseller.Id)
            ? Result.Ok()
            : Result.Fail(Refusals.Partnerships.Ended, provider.DisplayName, reseller.DisplayName);
    }

    /// <summary>
    /// The "Reseller (MPN ID)" field (seed 004): the MPN ID of a reseller in an active partnership with this provider that has
    /// accepted the Microsoft Partner Agreement ("the reseller will receive the appropriate incentives and they have an active
    /// Microsoft Partner Agreement"). Each failing condition says which one failed.
    /// </summary>
    public static Result<Partner> CheckResellerForSubscription(string mpnId, Partner? candidate, bool inActivePartnershipWithProvider)
    {
        if (candidate is null)
        {
            return Result<Partner>.Fail(Refusals.Partnerships.UnknownMpnId, mpnId);
        }

        if (candidate.Kind != PartnerKind.IndirectReseller)
        {
            return Result<Partner>.Fail(Refusals.Partnerships.NotAnIndirectReseller, candidate.DisplayName, mpnId);
        }

        if (!inActivePartnershipWithProvider)
        {
            return Result<Partner>.Fail(Refusals.Partnerships.NoActivePartnership, candidate.DisplayName, mpnId);
        }

        if (!candidate.HasAcceptedPartnerAgreement)
        {
            return Result<Partner>.Fail(Refusals.Partnerships.NoPartnerAgreement, candidate.DisplayName, mpnId);
        }

        return Result<Partner>.Ok(candidate);
    }
}
