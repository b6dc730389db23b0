using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Partnerships;

/// <summary>
/// Where a provider's partnership link lands (seed 004 step 4, issue 4 item 3): reseller staff signed in to their own partner
/// account see the provider and accept. Only an indirect reseller in the provider's cloud can accept.
/// </summary>
public class AcceptModel(AcceptPartnershipHandler accept, IStringLocalizer<SharedResource> l) : PageModel
{
    public Partner? Provider { get; private set; }
    public string? Refusal { get; private set; }
    public bool AlreadyPartnered { get; private set; }

    /// <summary>The tracking reference of an invitation emailed from the portal, so Invitations shows it accepted.</summary>
    [BindProperty(SupportsGet = true, Name = "ref")]
    public Guid? Ref { get; set; }

    public async Task<IActionResult> OnGetAsync(string code) => Show(await accept.LoadAsync(User, code));

    public async Task<IActionResult> OnPostAsync(string code)
    {
        var result = await accept.HandleAsync(User, code, Ref);
        if (result.Value is not { } offer || !offer.CanAccept)
        {
            return Show(result.Value);
        }

        TempData["StatusMessage"] = l["You are now partnered with {0}.", offer.Provider.DisplayName].Value;
        return RedirectToPage("/IndirectProviders/Index");
    }

    /// <summary>The offer on the page; a code that is no partnership link answers 404 with the page's explanation.</summary>
    private PageResult Show(PartnershipOffer? offer)
    {
        if (offer is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Provider = offer.Provider;
        Refusal = offer.Refusal is { } refusal ? l.Localize(refusal) : null;
        AlreadyPartnered = offer.AlreadyPartnered;
        return Page();
    }
}
