using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// Where an admin relationship's emailed link lands (issue 10): the customer's admin center for the partner's cloud shows the
/// partner, the roles in plain words and the duration; a customer's admin approves or rejects exactly that.
/// </summary>
[AllowAnonymous]
public class AdminRelationshipModel(AdminRelationshipAnswers answers, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public AdminRelationship? Relationship { get; private set; }
    public IReadOnlyList<EntraRole> Roles => Relationship is null ? [] : EntraRoles.InOrder(Relationship.Roles);
    public CloudPolicy Policy => CloudPolicies.For(Relationship?.Cloud ?? Cloud.Public);
    public AdminRelationshipPhase Phase => Relationship!.PhaseAt(clock.GetUtcNow());
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public bool IsCustomerAdmin => SignedIn && User.IsCustomerAdmin() && User.Has(Permission.ManagePartnerRelationships);

    /// <summary>A request for another organization: the signed-in admin may not answer it.</summary>
    public bool ForAnotherOrganization => Relationship?.CustomerId is { } asked && User.CustomerId() is { } own && asked != own;

    public string? Outcome { get; private set; }

    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    public string ReturnPath => Request.Path + (Ref is null ? string.Empty : $"?ref={Ref}");

    public async Task<IActionResult> OnGetAsync(string code)
    {
        await LoadAsync(code);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(string code)
    {
        if (await RefuseVisitorAsync(code) is { } refused)
        {
            return refused;
        }

        var approved = await answers.ApproveAsync(User, code);
        if (approved.Value is { } latest)
        {
            Relationship = latest;
        }

        if (this.Failure(approved, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["You approved the admin relationship \"{0}\" with {1}.", Relationship!.DisplayName, Relationship.PartnerName].Value;
        return RedirectToPage("PartnerRelationships");
    }

    public async Task<IActionResult> OnPostRejectAsync(string code)
    {
        if (await RefuseVisitorAsync(code) is { } refused)
        {
            return refused;
        }

        var rejected = await answers.RejectAsync(User, code);
        if (rejected.Value is { } latest)
        {
            Relationship = latest;
        }

        if (this.Failure(rejected, l) is { } failure)
        {
            return failure;
        }

        Outcome = l["You rejected the request from {0}. It has no access to your organization through it.", Relationship!.PartnerName];
        return Page();
    }

    private async Task LoadAsync(string code)
    {
        Relationship = await answers.FindAsync(code);
        if (Relationship is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        ViewData["AdminCenter"] = Policy.GdapAdminCenterName ?? Policy.AdminCenterName;
    }

    private async Task<IActionResult?> RefuseVisitorAsync(string code)
    {
        await LoadAsync(code);
        if (Relationship is null)
        {
            return Page();
        }

        return IsCustomerAdmin ? null : SignedIn ? Forbid() : Challenge();
    }
}
