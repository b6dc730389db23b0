using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace PartnerPortal.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class StatusCodeModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = string.Empty;
    public string Explanation { get; private set; } = string.Empty;

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => (l["Not found"].Value, l["There is nothing at this address, or it belongs to another organization."].Value),
            400 => (l["Bad request"].Value, l["The request could not be read. Reload the page and try again."].Value),
            _ => (l["Something went wrong"].Value, l["The portal could not finish your request. Nothing was changed."].Value),
        };
    }
}
