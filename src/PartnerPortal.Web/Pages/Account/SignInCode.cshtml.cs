using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Security;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>The second step of sign-in: a code from the authenticator app, or one of the recovery codes.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.SignIn)]
public class SignInCodeModel(SignInManager<ApplicationUser> signIn, SecurityEvents events, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    [StringLength(20)]
    public string? Code { get; set; }

    [BindProperty]
    public bool IsRecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code!.Replace(" ", string.Empty, StringComparison.Ordinal);
        var result = IsRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (!result.Succeeded)
        {
            await events.RecordAsync("SignInCodeFailed", user, user.Email);
            ModelState.AddModelError(string.Empty, l["That code is not valid. Enter the current code from your authenticator app."]);
            return Page();
        }

        await events.RecordAsync(IsRecoveryCode ? "SignedInWithRecoveryCode" : "SignedIn", user, user.Email);
        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        return user.MustChangePassword ? RedirectToPage("/Account/ChangePassword", new { returnUrl = next }) : LocalRedirect(next);
    }
}
