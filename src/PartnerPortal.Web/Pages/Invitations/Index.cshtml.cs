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
public class IndexModel(PortalDbContext db, AuditTrail audit, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
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

    /// <summary>Another round of delivery attempts for a message that failed for good; another partner's id is not found.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        var sent = await db.SentInvitations.SingleOrDefaultAsync(s => s.Id == id);
        if (sent is null)
        {
            return NotFound();
        }

        if (sent.Retry(clock.GetUtcNow()))
        {
            audit.Record("InvitationEmailRetried", sent.PartnerId, null, sent.Recipients, null, new { sent.Recipients });
            await db.SaveChangesAsync();
            TempData["StatusMessage"] = l["The invitation to {0} is queued again.", sent.Recipients].Value;
        }

        return RedirectToPage();
    }
}
