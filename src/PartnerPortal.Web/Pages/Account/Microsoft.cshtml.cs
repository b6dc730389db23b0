using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Identity.Entra;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Security;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// "Sign in with Microsoft": starts the OpenID Connect flow at the chosen cloud's Entra authority, and finishes it once the
/// token has been validated (signature, issuer, audience, lifetime, nonce), by signing in the approved person, telling a new
/// person that an admin must approve them, or saying why not.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.SignIn)]
public class MicrosoftModel(EntraSignInHandler handler, IOptions<EntraIdOptions> entra, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string SignInPurpose = "sign-in";

    public string? Refusal { get; private set; }
    public bool WaitingForApproval { get; private set; }

    public void OnGet(bool failed = false)
    {
        if (failed)
        {
            Refusal = l["Microsoft did not complete the sign-in, or its answer could not be trusted. Try again; if it keeps failing, sign in with your email and password."];
        }
    }

    public IActionResult OnPost(string? authority, string? returnUrl)
    {
        if (!Enum.TryParse<EntraAuthority>(authority, ignoreCase: true, out var chosen) || !entra.Value.Configured.Contains(chosen))
        {
            Refusal = l["Sign-in with Microsoft is not set up for that cloud on this PartnerPortal."];
            return Page();
        }

        var next = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        var callback = Url.Page("/Account/Microsoft", "Callback", new { returnUrl = next })!;
        return Challenge(EntraSignInSetup.Challenge(chosen, callback, SignInPurpose), EntraSignInSetup.SchemeName(chosen));
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        if (await EntraSignInSetup.TakeExternalSignInAsync(HttpContext, SignInPurpose) is not var (authority, account))
        {
            OnGet(failed: true);
            return Page();
        }

        var result = await handler.SignInAsync(account, authority);
        if (!result.Succeeded)
        {
            Refusal = l.Localize(result.Error!);
            return Page();
        }

        if (result.Value == EntraSignInOutcome.WaitingForApproval)
        {
            WaitingForApproval = true;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
