using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Users;

[Authorize(Policy = PortalPolicies.ManageUsers)]
public class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string DisplayName, string? Email, IReadOnlyList<string> Roles);

    public IReadOnlyList<Row> Users { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Empty;

    // From the query string only: "page" is also Razor Pages' own route value (the page's path), which BindProperty would bind first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync()
    {
        var query = db.OrganizationUsers;
        Pager = new Pager(PageNumber, 50, await query.CountAsync());
        var page = await query.OrderBy(u => u.Email).Skip(Pager.Skip).Take(Pager.Size)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Users = page.Select(u => new Row(u.Id, u.DisplayName, u.Email, u.Roles)).ToList();
    }
}
