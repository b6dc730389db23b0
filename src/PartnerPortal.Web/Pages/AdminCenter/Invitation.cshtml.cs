using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// Where the emailed link lands: the customer-facing page of the partner's cloud's admin center (seed 000 table, seed 003
/// step 3). The customer's admin signs in (or creates the organization), accepts the customer agreement if needed (seed 000
/// step 5 note), and accepts or declines. The rules are in <see cref="AcceptInvitationHandler"/>.
/// </summary>
[AllowAnonymous]
public class InvitationModel(AcceptInvitationHandler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    public AcceptInvitationHandler.Invitation? Invitation { get; private set; }
    public InvitationLink? Link => Invitation?.Link;
    public Partner? Inviter => Invitation?.Inviter;
    public Partner? Provider => Invitation?.Provider;
    public CloudPolicy Policy => Invitation?.Policy ?? CloudPolicies.Public;
    public string InviterCountry => Inviter is null ? string.Empty : CountryNames.Display(Inviter.Country);
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public bool IsCustomerAdmin => SignedIn && User.IsCustomerAdmin() && User.Has(Permission.ManagePartnerRelationships);
    public string? Refusal => Invitation?.Refusal is { } refusal ? l.Localize(refusal) : null;
    public bool AlreadyAccepted => Invitation?.AlreadyAccepted == true;
    public bool NeedsAgreement => Invitation?.NeedsAgreement == true;
    public IReadOnlyList<AcceptInvitationHandler.Conflict> Conflicts => Invitation?.Conflicts ?? [];
    public string? Outcome { get; private set; }

    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    [BindProperty]
    public bool AcceptAgreement { get; set; }

    [BindProperty]
    public List<DelegatedAdminService> WithoutDelegatedAdminFor { get; set; } = [];

    public string ReturnPath => Request.Path + (Ref is null ? string.Empty : $"?ref={Ref}");

    public async Task<IActionResult> OnGetAsync(string code)
    {
        await LoadAsync(code);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string code)
    {
        if (await RefuseVisitorAsync(code) is { } refused)
        {
            return refused;
        }

        if (AlreadyAccepted)
        {
            return Page();
        }

        var accepted = await handler.AcceptAsync(User, Invitation!, new(AcceptAgreement, WithoutDelegatedAdminFor.ToHashSet(), Ref));
        if (accepted.Status == CommandStatus.Refused)
        {
            Invitation = accepted.Value ?? Invitation;
            ModelState.AddModelError(string.Empty, l.Localize(accepted.Error!));
            return Page();
        }

        if (this.Failure(accepted, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["You accepted the reseller relationship with {0}.", Invitation!.Inviter.DisplayName].Value;
        return RedirectToPage("PartnerRelationships");
    }

    public async Task<IActionResult> OnPostDeclineAsync(string code)
    {
        if (await RefuseVisitorAsync(code) is { } refused)
        {
            return refused;
        }

        // Declining changes nothing the page shows about the invitation: it is drawn from what was loaded for this post.
        await handler.DeclineAsync(Invitation!, Ref);
        Outcome = l["You declined the invitation from {0}. Nothing was changed for your organization.", Inviter!.DisplayName];
        return Page();
    }

    private async Task LoadAsync(string code)
    {
        Invitation = await handler.LoadAsync(User, code);
        if (Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        ViewData["AdminCenter"] = Policy.AdminCenterName;
    }

    /// <summary>For Accept and Decline: an invalid link is the error page; a visitor who is not a customer's admin is refused.</summary>
    private async Task<IActionResult?> RefuseVisitorAsync(string code)
    {
        await LoadAsync(code);
        if (Invitation is null)
        {
            return Page();
        }

        return IsCustomerAdmin ? null : SignedIn ? Forbid() : Challenge();
    }
}
