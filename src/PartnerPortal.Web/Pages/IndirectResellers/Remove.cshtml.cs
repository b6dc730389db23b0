using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>
/// Seed 004 "Remove partnership with indirect resellers": confirmation ("Yes") with the seed's IMPORTANT notices. Customers
/// associated with the reseller and delegated admin privileges stay as they are.
/// </summary>
[Authorize(Policy = PortalPolicies.RemovePartnership)]
public class RemoveModel(RemovePartnershipHandler remove, IStringLocalizer<SharedResource> l) : PageModel
{
    public string ResellerName { get; private set; } = string.Empty;
    public string MpnId { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id) => Show(await remove.LoadAsync(id)) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await remove.HandleAsync(id);
        if (Show(result) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["Your partnership with {0} was removed. Its customers and delegated admin privileges are unchanged.", ResellerName].Value;
        return RedirectToPage("Index");
    }

    private IActionResult? Show(CommandResult<PartnershipToRemove> result)
    {
        if (result.Succeeded)
        {
            (ResellerName, MpnId) = (result.Value!.ResellerName, result.Value.MpnId);
        }

        return this.Failure(result, l);
    }
}
