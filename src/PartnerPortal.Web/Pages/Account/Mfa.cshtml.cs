using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Security;
using QRCoder;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Multi-factor sign-in: enrol an authenticator app (QR code or key), confirm with a code, receive recovery codes once; reset
/// the app or draw new recovery codes later. Every change is a security event in the audit log.
/// </summary>
public class MfaModel(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, SignInManager<ApplicationUser> signIn, SecurityEvents events, IOptions<MfaOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    [StringLength(7, MinimumLength = 6, ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }
    public bool Required => options.Value.RequiredForPartnerUsers && User.IsPartnerStaff();
    public string SharedKey { get; private set; } = string.Empty;
    public string QrCodeDataUri { get; private set; } = string.Empty;

    /// <summary>Shown once, right after enrolment or after drawing new ones.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await ShowAsync(user);
        return Page();
    }

    /// <summary>Confirms the app with a code from it and turns multi-factor sign-in on.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!ModelState.IsValid || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, l["That code is not valid. Enter the current code from your authenticator app."]);
            await ShowAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await events.RecordAsync("MfaEnrolled", user, user.Email);
        await signIn.RefreshSignInAsync(user);
        Enabled = true;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>A lost phone: a new key, multi-factor sign-in off until the new app is confirmed.</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await events.RecordAsync("MfaReset", user, user.Email);
        await signIn.RefreshSignInAsync(user);
        TempData["StatusMessage"] = l["Your authenticator app was reset. Add the portal to your app again and confirm a code."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await events.RecordAsync("MfaRecoveryCodesRenewed", user, user.Email);
        Enabled = true;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    private async Task ShowAsync(ApplicationUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A first key, not a reset: UserManager.ResetAuthenticatorKeyAsync would also renew the security stamp and so end
            // every session of the user merely for opening this page.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }

        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = Uri.EscapeDataString(options.Value.Issuer);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.Q, 4));
        Response.Headers.CacheControl = "no-store";
    }
}
