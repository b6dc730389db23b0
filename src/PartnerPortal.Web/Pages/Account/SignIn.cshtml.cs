using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Security;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Sign-in. An unknown account and a wrong password get the same answer in the same time (a password hash is checked either
/// way); attempts are throttled per client and per account instead of locking accounts, so nobody can lock a victim out.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimiting.SignIn)]
public class SignInModel(
    SignInManager<ApplicationUser> signIn,
    UserManager<ApplicationUser> users,
    IPasswordHasher<ApplicationUser> hasher,
    SignInThrottle throttle,
    SecurityEvents events,
    Infrastructure.PortalMetrics metrics,
    IOptions<Identity.Entra.EntraIdOptions> entra,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Checked when the account does not exist, so both answers cost one password hash.</summary>
    private static readonly string DummyHash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;
    }

    /// <summary>The clouds whose "Sign in with Microsoft" is set up on this portal.</summary>
    public IReadOnlyList<Domain.Clouds.EntraAuthority> MicrosoftAuthorities => entra.Value.Configured;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var client = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (throttle.IsBlocked(Input.Email, client, out var reason, out var retryAfter))
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            metrics.Refused(reason);
            ModelState.AddModelError(string.Empty, reason == SignInRefusal.Account
                ? l["Too many failed sign-in attempts for this account. Try again in {0}, or sign in with another account.", l.Plural(minutes, "{0} minute|{0} minutes")]
                : l["Too many failed sign-in attempts from your network. Nothing was checked. Try again in {0}.", l.Plural(minutes, "{0} minute|{0} minutes")]);
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            // As long as checking a real password: the time taken does not tell whether the account exists.
            hasher.VerifyHashedPassword(new ApplicationUser(), DummyHash, Input.Password);
            throttle.RecordFailure(Input.Email, client);
            await events.RecordAsync("SignInFailed", null, Input.Email);
            ModelState.AddModelError(string.Empty, l["The email or password is not correct."]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/SignInCode", new { returnUrl = ReturnUrl });
        }

        if (!result.Succeeded)
        {
            throttle.RecordFailure(Input.Email, client);
            await events.RecordAsync("SignInFailed", user, Input.Email);
            ModelState.AddModelError(string.Empty, l["The email or password is not correct."]);
            return Page();
        }

        await events.RecordAsync("SignedIn", user, user.Email);
        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
        if (user.MustChangePassword)
        {
            return RedirectToPage("/Account/ChangePassword", new { returnUrl = next });
        }

        return LocalRedirect(next);
    }
}
