using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Invitations;

[Authorize(Policy = PortalPolicies.ViewInvitations)]
public class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<SentInvitation> Invitations { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Empty;

    // From the query string only: "page" is also Razor Pages' own route value (the page's path), which BindProperty would bind first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task OnGetAsync()
    {
        Pager = new Pager(PageNumber, 50, await db.SentInvitations.CountAsync());
        Invitations = await db.SentInvitations.AsNoTracking().OrderByDescending(s => s.SentAt).Skip(Pager.Skip).Take(Pager.Size).ToListAsync();
    }
}
