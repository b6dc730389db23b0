using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.IndirectResellers;

/// <summary>
/// A provider's partnership link as the signed-in user sees it: the provider, and either the reseller who may accept, or why
/// this user cannot (<see cref="Refusal"/>), or that the two are already partnered.
/// </summary>
public sealed record PartnershipOffer(InvitationLink Link, Partner Provider, Partner? Reseller, DomainError? Refusal, bool AlreadyPartnered)
{
    public bool CanAccept => Reseller is not null && Refusal is null && !AlreadyPartnered;
}

/// <summary>
/// Where a provider's partnership link lands (seed 004 step 4, issue 4 item 3): reseller staff signed in to their own partner
/// account accept. Only an indirect reseller in the provider's cloud can accept; two colleagues accepting at the same moment
/// make one partnership (the unique index on the active pair).
/// </summary>
public sealed class AcceptPartnershipHandler(
    PortalDbContext db,
    ITenant tenant,
    CrossOrganizationLookups lookups,
    PartnershipQueries partnerships,
    AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>The offer behind a partnership link's code; null for a code that is not one (the page answers 404).</summary>
    public async Task<PartnershipOffer?> LoadAsync(ClaimsPrincipal user, string code)
    {
        var link = await lookups.FindInvitationLinkAsync(code);
        if (link is null || link.Kind != InvitationKind.Partnership || await lookups.FindPartnerAsync(link.PartnerId) is not { } provider)
        {
            return null;
        }

        if (tenant.PartnerId is not { } partnerId)
        {
            return new(link, provider, null, PortalRefusals.Resellers.SignInToAccept, false);
        }

        if (!user.Has(Permission.ManageIndirectResellers))
        {
            return new(link, provider, null, PortalRefusals.Resellers.RoleCannotAccept, false);
        }

        var reseller = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
        var allowed = PartnershipRules.CanAcceptPartnership(provider, reseller);
        return allowed.Succeeded
            ? new(link, provider, reseller, null, await partnerships.IsActiveAsync(provider.Id, reseller.Id))
            : new(link, provider, null, allowed.Error, false);
    }

    /// <summary>
    /// Accepts the offer; <paramref name="sentInvitationId"/> is the tracking reference of an emailed invitation, so Invitations
    /// shows it accepted. A refused or already partnered offer is returned as it is (a refusal from establishing the
    /// partnership as the offer's <see cref="PartnershipOffer.Refusal"/>), with nothing saved.
    /// </summary>
    public async Task<CommandResult<PartnershipOffer>> HandleAsync(ClaimsPrincipal user, string code, Guid? sentInvitationId)
    {
        if (await LoadAsync(user, code) is not { } offer)
        {
            return CommandResult<PartnershipOffer>.NotFound;
        }

        if (!offer.CanAccept)
        {
            return CommandResult<PartnershipOffer>.Done(offer);
        }

        var (provider, reseller, now) = (offer.Provider, offer.Reseller!, clock.GetUtcNow());
        var partnership = ResellerPartnership.Establish(provider, reseller, now);
        if (!partnership.Succeeded)
        {
            return CommandResult<PartnershipOffer>.Done(offer with { Reseller = null, Refusal = partnership.Error });
        }

        db.ResellerPartnerships.Add(partnership.Value);
        (await lookups.FindSentInvitationAsync(offer.Link, sentInvitationId))?.MarkAccepted(reseller.DisplayName, now);
        audit.Record("PartnershipAccepted", provider.Id, null, reseller.DisplayName, null, new { Provider = provider.DisplayName, Reseller = reseller.DisplayName, reseller.MpnId });
        audit.Record("PartnershipAccepted", reseller.Id, null, provider.DisplayName, null, new { Provider = provider.DisplayName, Reseller = reseller.DisplayName, reseller.MpnId });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A colleague accepted the same request at the same moment: the partnership exists, as the user wanted.
        }

        return CommandResult<PartnershipOffer>.Done(offer);
    }
}
