using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Domain.Access;

namespace PartnerPortal.Web.Pages.Account;

public class AccessDeniedModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Permission? Permission { get; set; }

    public IReadOnlyList<string> RequiredRoles => Permission is { } p ? RolePermissions.RolesFor(p) : [];

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
