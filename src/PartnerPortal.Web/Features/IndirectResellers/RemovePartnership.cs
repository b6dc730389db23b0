using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.IndirectResellers;

/// <summary>The reseller a provider is about to stop partnering with, as the confirmation shows it.</summary>
public sealed record PartnershipToRemove(ResellerPartnership Partnership, string ResellerName, string MpnId);

/// <summary>
/// Seed 004 "Remove partnership with indirect resellers": ends the signed-in provider's active partnership with a reseller.
/// Customers associated with the reseller and delegated admin privileges stay as they are; the row stays as history.
/// </summary>
public sealed class RemovePartnershipHandler(PortalDbContext db, ITenant tenant, PartnershipQueries partnerships, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The provider's active partnership with this reseller; NotFound for any other id.</summary>
    public async Task<CommandResult<PartnershipToRemove>> LoadAsync(Guid resellerId)
    {
        var partnership = await partnerships.Active.SingleOrDefaultAsync(p => p.ProviderId == tenant.PartnerId && p.ResellerId == resellerId);
        if (partnership is null)
        {
            return CommandResult<PartnershipToRemove>.NotFound;
        }

        var reseller = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == resellerId);
        return CommandResult<PartnershipToRemove>.Done(new(partnership, reseller.DisplayName, reseller.MpnId));
    }

    public async Task<CommandResult<PartnershipToRemove>> HandleAsync(Guid resellerId)
    {
        var loaded = await LoadAsync(resellerId);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var (partnership, name, mpnId) = loaded.Value!;
        partnership.Remove(clock.GetUtcNow());
        audit.Record("PartnershipRemoved", tenant.PartnerId, null, name, new { Reseller = name, MpnId = mpnId, Partnership = "Active" }, new { Reseller = name, MpnId = mpnId, Partnership = "Removed" });
        audit.Record("PartnershipRemoved", resellerId, null, name, null, new { Provider = tenant.PartnerId });
        await db.SaveChangesAsync();
        return loaded;
    }
}
