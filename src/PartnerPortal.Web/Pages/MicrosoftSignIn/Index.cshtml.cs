using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Identity.Entra;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.MicrosoftSignIn;

/// <summary>
/// An organization's "Sign in with Microsoft": link its Entra tenant (by signing in as a Global Administrator of it), unlink
/// it, and approve (with portal roles) or decline the first sign-ins of its people.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageMicrosoftSignIn)]
public class IndexModel(EntraDirectoryHandler handler, IOptions<EntraIdOptions> entra, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string LinkPurpose = "link";

    public MicrosoftSignInView View { get; private set; } = null!;

    public bool Available => entra.Value.Configured.Contains(View.Authority);

    /// <summary>Roles chosen per request row ("Roles[{id}]").</summary>
    [BindProperty]
    public Dictionary<Guid, List<string>> Roles { get; set; } = [];

    public async Task OnGetAsync() => View = await handler.LoadAsync(User);

    public async Task<IActionResult> OnPostLinkAsync()
    {
        View = await handler.LoadAsync(User);
        if (!Available)
        {
            ModelState.AddModelError(string.Empty, l["Sign-in with Microsoft is not set up for that cloud on this PartnerPortal."]);
            return Page();
        }

        var callback = Url.Page("/MicrosoftSignIn/Index", "Linked")!;
        return Challenge(EntraSignInSetup.Challenge(View.Authority, callback, LinkPurpose), EntraSignInSetup.SchemeName(View.Authority));
    }

    public async Task<IActionResult> OnGetLinkedAsync()
    {
        if (await EntraSignInSetup.TakeExternalSignInAsync(HttpContext, LinkPurpose) is not var (authority, account))
        {
            View = await handler.LoadAsync(User);
            ModelState.AddModelError(string.Empty, l["Microsoft did not complete the sign-in, or its answer could not be trusted. Try again; if it keeps failing, sign in with your email and password."]);
            return Page();
        }

        var result = await handler.LinkAsync(User, account, authority);
        View = await handler.LoadAsync(User);
        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["Your Microsoft Entra tenant {0} is linked. Your people can now use \"Sign in with Microsoft\".", result.Value!.TenantId].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlinkAsync()
    {
        var result = await handler.UnlinkAsync(User);
        View = await handler.LoadAsync(User);
        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["Your Microsoft Entra tenant is unlinked. Nobody can sign in with Microsoft until it is linked again."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        var result = await handler.ApproveAsync(User, id, Roles.GetValueOrDefault(id) ?? []);
        View = await handler.LoadAsync(User);
        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["{0} can now sign in with Microsoft.", result.Value!.Email].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id)
    {
        var result = await handler.DeclineAsync(User, id);
        View = await handler.LoadAsync(User);
        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["{0} was declined.", result.Value!.Email].Value;
        return RedirectToPage();
    }
}
