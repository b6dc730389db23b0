using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.AdminRelationships;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>
/// One bulk change on Admin relationships (issue 19): how many rows are done, changed, already as asked or refused, and each
/// refused relationship by name with its reason. While rows are queued the page refreshes itself every few seconds.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class ChangesModel(BulkChanges bulk) : PageModel
{
    public BulkChangeProgress Progress { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await bulk.ProgressAsync(id) is not { } progress)
        {
            return NotFound();
        }

        Progress = progress;
        return Page();
    }

    /// <summary>The page's heading for a kind of change.</summary>
    public static string Title(BulkChangeKind kind) => kind switch
    {
        BulkChangeKind.AutoExtendOn => "Turning on auto-extend for {0}",
        BulkChangeKind.AutoExtendOff => "Turning off auto-extend for {0}",
        _ => "Terminating {0}",
    };
}
