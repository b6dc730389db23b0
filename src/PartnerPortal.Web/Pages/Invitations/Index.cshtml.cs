using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Invitations;

[Authorize(Policy = PortalPolicies.ViewInvitations)]
public class IndexModel(PortalDbContext db, RetryInvitationEmailHandler retry, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<SentInvitation> Invitations { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    public const int PageSize = 50;

    /// <summary>Newest first, by (sent, id), seek-paged: the partner's query filter and index (PartnerId, SentAt, Id).</summary>
    public async Task OnGetAsync()
    {
        var request = SeekRequest.From(Request.Query);
        var all = db.SentInvitations.AsNoTracking();
        var ordered = all.Seek(s => s.SentAt, s => s.Id, SeekOrder.Descending, request, request.KeyAsTime);
        var rows = await ordered.Take(PageSize + 1).ToListAsync();
        var count = CappedCount.Of(await all.OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id).Take(CappedCount.Cap + 1).CountAsync());
        var page = SeekPager.Of(request, rows, PageSize, s => SeekRequest.Cursor(s.SentAt, s.Id), count);
        (Invitations, Pager) = (page.Rows, page.Pager);
    }

    /// <summary>Another round of delivery attempts for a message that failed for good; another partner's id is not found.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        var result = await retry.HandleAsync(id);
        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        if (result.Value!.Queued)
        {
            TempData["StatusMessage"] = l["The invitation to {0} is queued again.", result.Value.Invitation.Recipients].Value;
        }

        return RedirectToPage();
    }
}
