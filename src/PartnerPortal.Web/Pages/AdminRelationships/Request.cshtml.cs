using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>
/// "Request admin relationship" (issue 10): a name, the customer (or none: a link for a customer not yet known), a duration
/// of 1 to 730 days, the Entra roles, and auto-extend. The next page is the draft email with the approval link.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class RequestModel(PortalDbContext db, AdminRelationshipCommands commands, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Name { get; set; }
        public Guid? CustomerId { get; set; }
        public string? CustomerDomain { get; set; }
        public int DurationDays { get; set; } = AdminRelationshipRules.MaxDurationDays;
        public List<Guid> Roles { get; set; } = [];
        public bool AutoExtend { get; set; }
        public Guid FormToken { get; set; }
    }

    /// <summary>The customer named by the record the partner came from, if any.</summary>
    public string? CustomerName { get; private set; }

    public CloudPolicy Policy { get; private set; } = CloudPolicies.Public;

    public async Task<IActionResult> OnGetAsync(Guid? customer)
    {
        Input.FormToken = Guid.NewGuid();
        Input.CustomerId = customer;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var requested = await commands.RequestAsync(User, new(Input.Name, Input.CustomerId, Input.CustomerDomain, Input.DurationDays, Input.Roles, Input.AutoExtend, Input.FormToken));
        if (!requested.Succeeded)
        {
            await LoadAsync();
        }

        if (this.Failure(requested, l) is { } failure)
        {
            return failure;
        }

        return RedirectToPage("Draft", new { id = requested.Value });
    }

    private async Task LoadAsync()
    {
        var partnerId = User.PartnerId()!.Value;
        Policy = CloudPolicies.For(await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Cloud).SingleAsync());
        if (Input.CustomerId is { } id)
        {
            CustomerName = await db.Customers.Where(c => c.Id == id).Select(c => c.CompanyName).SingleOrDefaultAsync();
            if (CustomerName is null)
            {
                Input.CustomerId = null;
            }
        }
    }
}
