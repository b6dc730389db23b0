using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>
/// Seed 004 "Remove partnership with indirect resellers": confirmation ("Yes") with the seed's IMPORTANT notices. Customers
/// associated with the reseller and delegated admin privileges stay as they are.
/// </summary>
[Authorize(Policy = PortalPolicies.RemovePartnership)]
public class RemoveModel(PortalDbContext db, ITenant tenant, PartnershipQueries partnerships, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public string ResellerName { get; private set; } = string.Empty;
    public string MpnId { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var partnership = await LoadAsync(id);
        if (partnership is null)
        {
            return NotFound();
        }

        partnership.Remove(clock.GetUtcNow());
        audit.Record("PartnershipRemoved", tenant.PartnerId, null, ResellerName, new { Reseller = ResellerName, MpnId, Partnership = "Active" }, new { Reseller = ResellerName, MpnId, Partnership = "Removed" });
        audit.Record("PartnershipRemoved", id, null, ResellerName, null, new { Provider = tenant.PartnerId });
        await db.SaveChangesAsync();
        TempData["StatusMessage"] = l["Your partnership with {0} was removed. Its customers and delegated admin privileges are unchanged.", ResellerName].Value;
        return RedirectToPage("Index");
    }

    /// <summary>The signed-in provider's active partnership with this reseller; anything else is not found.</summary>
    private async Task<ResellerPartnership?> LoadAsync(Guid resellerId)
    {
        var partnership = await partnerships.Active.SingleOrDefaultAsync(p => p.ProviderId == tenant.PartnerId && p.ResellerId == resellerId);
        if (partnership is not null)
        {
            var reseller = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == resellerId);
            ResellerName = reseller.DisplayName;
            MpnId = reseller.MpnId;
        }

        return partnership;
    }
}
