using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>Seed 004 "Connect with indirect resellers": the provider's partnered resellers and "Request a partnership".</summary>
[Authorize(Policy = PortalPolicies.ManageIndirectResellers)]
public class IndexModel(ITenant tenant, PartnershipQueries partnerships, RequestPartnershipHandler requestPartnership) : PageModel
{
    public IReadOnlyList<PartnershipQueries.ResellerRow> Resellers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            return User.IsPartnerOfKind(PartnerKind.IndirectReseller) ? RedirectToPage("/IndirectProviders/Index") : NotFound();
        }

        Resellers = await partnerships.ResellerRowsAsync(tenant.PartnerId!.Value);
        return Page();
    }

    /// <summary>Seed 004 step 2: "select Request a partnership. A draft email message appears."</summary>
    public async Task<IActionResult> OnPostRequestPartnershipAsync()
    {
        if (!User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            return NotFound();
        }

        var link = await requestPartnership.HandleAsync();
        return RedirectToPage("/Invitations/Draft", new { id = link.Id });
    }
}
