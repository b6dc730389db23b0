using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Customers;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>
/// One customer's expanded record as an HTML fragment, fetched when its row on Customers is opened (issue 20). Another
/// organization's customer, or one the partner no longer works with, is not found.
/// </summary>
[Authorize(Policy = PortalPolicies.ViewCustomers)]
public class RecordModel(CustomerRecords records) : PageModel
{
    public CustomerRecord Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await records.FindAsync(User, id) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
