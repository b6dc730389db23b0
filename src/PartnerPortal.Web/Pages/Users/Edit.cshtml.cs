using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Users;

[Authorize(Policy = "CanManageUsers")]
public class EditModel(PortalDbContext db, UserManager<ApplicationUser> users, AuditTrail audit, ITenant tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public List<string> Roles { get; set; } = [];

    public string UserName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var user = await db.OrganizationUsers.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        UserName = user.Email ?? user.DisplayName;
        Roles = [.. await users.GetRolesAsync(user)];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var user = await db.OrganizationUsers.SingleOrDefaultAsync(u => u.Id == id);
        if (user is null)
        {
            return NotFound();
        }

        UserName = user.Email ?? user.DisplayName;
        var wanted = Roles.Where(r => PartnerRole.All.Contains(r)).Distinct().ToList();
        if (Roles.Count != wanted.Count || wanted.Count == 0)
        {
            ModelState.AddModelError(string.Empty, l["Choose at least one role from the list."]);
            return Page();
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(PartnerRole.GlobalAdmin) && !wanted.Contains(PartnerRole.GlobalAdmin)
            && await OtherGlobalAdminsAsync(user.Id) == 0)
        {
            ModelState.AddModelError(string.Empty, l["Your organization must keep at least one Global admin."]);
            return Page();
        }

        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        await users.UpdateSecurityStampAsync(user);
        audit.Record("UserRolesChanged", tenant.PartnerId, null, user.Email, new { user.Email, Roles = current }, new { user.Email, Roles = wanted });
        await db.SaveChangesAsync();
        TempData["StatusMessage"] = l["Roles saved for {0}.", UserName].Value;
        return RedirectToPage("Index");
    }

    private async Task<int> OtherGlobalAdminsAsync(Guid exceptUserId)
    {
        var globalAdmins = await users.GetUsersInRoleAsync(PartnerRole.GlobalAdmin);
        return globalAdmins.Count(u => u.Id != exceptUserId && u.PartnerId == tenant.PartnerId);
    }
}
