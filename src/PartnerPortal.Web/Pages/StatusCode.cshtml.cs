using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Localization;

namespace PartnerPortal.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class StatusCodeModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = string.Empty;
    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    /// <summary>How long to wait, from the refusal's Retry-After (seconds), in the viewer's words.</summary>
    private string Wait()
    {
        var seconds = HttpContext.Items[Security.RateLimiting.RetryAfterItem] as int?
            ?? (int.TryParse(Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var header) ? header : 60);
        return seconds < 60
            ? l.Plural(seconds, "{0} second|{0} seconds")
            : l.Plural((int)Math.Ceiling(seconds / 60.0), "{0} minute|{0} minutes");
    }

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => (l["Not found"].Value, l["There is nothing at this address, or it belongs to another organization."].Value),
            400 => (l["Bad request"].Value, l["The request could not be read. Reload the page and try again."].Value),
            429 => (l["Too many requests"].Value, l["Too many requests came from your network in a short time. Nothing was changed. Try again in {0}.", Wait()].Value),
            503 => (l["Temporarily unavailable"].Value, l["The portal cannot reach its database just now. Nothing was changed. Try again in a few seconds."].Value),
            _ => (l["Something went wrong"].Value, l["The portal could not finish your request. Nothing was changed."].Value),
        };
    }
}
