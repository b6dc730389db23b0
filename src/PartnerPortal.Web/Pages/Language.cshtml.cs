using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages;

/// <summary>The language picker: remembers the choice in the standard culture cookie.</summary>
[AllowAnonymous]
public class LanguageModel(UserManager<ApplicationUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (PortalSetup.SupportedCultures.Any(c => c.Name == culture))
        {
            // Signed in, the choice is also the language of the portal's emails to this person.
            if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != culture)
            {
                user.PreferredLanguage = culture;
                await users.UpdateAsync(user);
            }

            Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(180), IsEssential = true, HttpOnly = true, Secure = Request.IsHttps, SameSite = SameSiteMode.Lax });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
