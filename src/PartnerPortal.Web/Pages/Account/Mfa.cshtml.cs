using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Security;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Multi-factor sign-in: enrol an authenticator app (QR code or key), confirm with a code, receive recovery codes once; reset
/// the app or draw new recovery codes later. Every change is a security event in the audit log.
/// </summary>
public class MfaModel(UserManager<ApplicationUser> users, AuthenticatorEnrolment authenticator, IOptions<MfaOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }
    public bool Required => options.Value.RequiredForPartnerUsers && User.IsPartnerStaff();

    /// <summary>The key to enrol with, while multi-factor sign-in is off.</summary>
    public AuthenticatorKey? Key { get; private set; }

    /// <summary>Shown once, right after enrolment or after drawing new ones.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public Task<IActionResult> OnGetAsync() => WithUserAsync(ShowAsync);

    /// <summary>Confirms the app with a code from it and turns multi-factor sign-in on.</summary>
    public Task<IActionResult> OnPostEnableAsync() => WithUserAsync(async user =>
    {
        if (!ModelState.IsValid || await authenticator.EnableAsync(user, Code) is not { } recoveryCodes)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, l["That code is not valid. Enter the current code from your authenticator app."]);
            return await ShowAsync(user);
        }

        return Shown(recoveryCodes);
    });

    /// <summary>A lost phone: a new key, multi-factor sign-in off until the new app is confirmed.</summary>
    public Task<IActionResult> OnPostResetAsync() => WithUserAsync(async user =>
    {
        await authenticator.ResetAsync(user);
        TempData["StatusMessage"] = l["Your authenticator app was reset. Add the portal to your app again and confirm a code."].Value;
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostRecoveryCodesAsync() => WithUserAsync(async user =>
        user.TwoFactorEnabled ? Shown(await authenticator.RenewRecoveryCodesAsync(user)) : RedirectToPage());

    private async Task<IActionResult> WithUserAsync(Func<ApplicationUser, Task<IActionResult>> action) =>
        await users.GetUserAsync(User) is { } user ? await action(user) : Challenge();

    /// <summary>Recovery codes, once: the answer is never cached.</summary>
    private PageResult Shown(IReadOnlyList<string> recoveryCodes)
    {
        (Enabled, RecoveryCodes) = (true, recoveryCodes);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult> ShowAsync(ApplicationUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (!Enabled)
        {
            Key = await authenticator.KeyAsync(user, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "no-store";
        }

        return Page();
    }
}
