using Microsoft.AspNetCore.Authorization;
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
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    public const int PageSize = 50;

    /// <summary>By (normalized email, id), seek-paged on the index (PartnerId, NormalizedEmail, Id).</summary>
    public async Task OnGetAsync()
    {
        var query = db.OrganizationUsers;
        var request = SeekRequest.From(Request.Query);
        var ordered = query.Seek(u => u.NormalizedEmail!, u => u.Id, SeekOrder.Ascending, request, request.Key);
        var count = CappedCount.Of(await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).Take(CappedCount.Cap + 1).CountAsync());
        var rows = await ordered.Take(PageSize + 1)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.NormalizedEmail,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        var page = SeekPager.Of(request, rows.Select(u => (Row: new Row(u.Id, u.DisplayName, u.Email, u.Roles), Key: u.NormalizedEmail ?? string.Empty)).ToList(), PageSize, r => SeekRequest.Cursor(r.Key, r.Row.Id), count);
        (Users, Pager) = (page.Rows.Select(r => r.Row).ToList(), page.Pager);
    }
}
