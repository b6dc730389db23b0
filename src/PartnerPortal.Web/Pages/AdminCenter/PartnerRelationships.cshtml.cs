using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.Relationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// Seed 003 step 4 and last paragraph: the customer sees every partner and which holds delegated admin per service, and
/// removes delegated admin privileges from one partner or from all. Relationships stay.
/// </summary>
[Authorize(Policy = PortalPolicies.ManagePartnerRelationships)]
public class PartnerRelationshipsModel(CustomerPartners customerPartners, RemoveDelegatedAdminHandler removeDelegatedAdmin, AdminRelationshipAnswers answers, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<CustomerAdminRelationship> AdminRelationships { get; private set; } = [];

    /// <summary>The customer ends an admin relationship: the partner's access through it ends at once.</summary>
    public async Task<IActionResult> OnPostTerminateAdminRelationshipAsync(Guid relationshipId)
    {
        var ended = await answers.TerminateAsync(User, relationshipId);
        if (ended.Status == Infrastructure.CommandStatus.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = ended.Succeeded
            ? l["The admin relationship \"{0}\" with {1} was terminated. The partner no longer has those roles in your organization.", ended.Value!.DisplayName, ended.Value.PartnerName].Value
            : l.Localize(ended.Error!);
        return RedirectToPage();
    }

    public IReadOnlyList<CustomerPartner> Partners { get; private set; } = [];

    /// <summary>A partner id, or "all", awaiting the user's "Yes".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    public string ConfirmPartnerName => Partners.FirstOrDefault(p => p.Id.ToString() == Confirm)?.Name ?? string.Empty;

    public IReadOnlyList<string> Holders(DelegatedAdminService service) =>
        Partners.Where(p => p.Services.Contains(service)).Select(p => p.Name).ToList();

    public async Task OnGetAsync()
    {
        (var adminCenter, Partners) = await customerPartners.PartnersAsync();
        ViewData["AdminCenter"] = adminCenter;
        AdminRelationships = await customerPartners.AdminRelationshipsAsync();
        if (Confirm is not null && Confirm != "all" && Partners.All(p => p.Id.ToString() != Confirm))
        {
            Confirm = null;
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid partnerId)
    {
        TempData["StatusMessage"] = await removeDelegatedAdmin.FromPartnerAsync(partnerId) is { } name
            ? l["Delegated admin privileges removed from {0}.", name].Value
            : l["That partner holds no delegated admin privileges for your organization. Nothing was changed."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAllAsync()
    {
        TempData["StatusMessage"] = await removeDelegatedAdmin.FromAllPartnersAsync() == 0
            ? l["No partner holds delegated admin privileges for your organization. Nothing was changed."].Value
            : l["Delegated admin privileges removed from all partners."].Value;
        return RedirectToPage();
    }
}
