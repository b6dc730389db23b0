using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Users;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Users;

/// <summary>Edit a user's roles; the rules are in <see cref="ChangeUserRolesHandler"/>.</summary>
[Authorize(Policy = PortalPolicies.ManageUsers)]
public class EditModel(ChangeUserRolesHandler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public string UserName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var loaded = await handler.LoadAsync(User, id);
        if (this.Failure(loaded, l) is { } failure)
        {
            return failure;
        }

        UserName = loaded.Value!.User.Email ?? loaded.Value.User.DisplayName;
        Roles = [.. loaded.Value.Roles];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var changed = await handler.HandleAsync(User, id, Roles.Distinct().ToList());
        if (changed.Status is CommandStatus.Refused or CommandStatus.Conflict)
        {
            var loaded = await handler.LoadAsync(User, id);
            UserName = loaded.Value?.User.Email ?? string.Empty;
        }

        if (this.Failure(changed, l) is { } failure)
        {
            return failure;
        }

        var email = changed.Value!.User.Email ?? string.Empty;
        TempData["StatusMessage"] = changed.Value.Changed ? l["Roles saved for {0}.", email].Value : l["Nothing changed: {0} already has these roles.", email].Value;
        return RedirectToPage("Index");
    }
}
