using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.AuditLog;

/// <summary>The partner's audit log (issue 3 item 15), filtered by date and customer, newest first.</summary>
[Authorize(Policy = PortalPolicies.ViewAuditLog)]
public class IndexModel(PortalDbContext db, CrossOrganizationLookups lookups, ITenant tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Customer { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionFilter { get; set; }

    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    public async Task OnGetAsync()
    {
        if (From > To)
        {
            ModelState.AddModelError(string.Empty, l["The start date must not be after the end date."]);
            return;
        }

        // The query filter shows entries of the signed-in organization only; this page is for partners.
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.PartnerId == tenant.PartnerId);
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At >= start);
        }

        // The last day there is has no day after it: "to 9999-12-31" simply has no upper bound.
        if (To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At < end);
        }

        if (!string.IsNullOrWhiteSpace(ActionFilter))
        {
            entries = entries.Where(a => a.Action == ActionFilter);
        }

        if (!string.IsNullOrWhiteSpace(Customer))
        {
            // A rare name: the few customers so named, then this partner's entries about them (index lookups). A common one: the
            // newest entries whose subject contains it, found soon walking the (partner, time) index.
            var pattern = SearchPattern.Contains(Customer);
            var named = await lookups.CustomerIdsNamedLikeAsync(pattern, 100);
            entries = named is not null
                ? entries.Where(a => a.CustomerId != null && named.Contains(a.CustomerId.Value))
                : entries.Where(a => a.CustomerId != null && a.Subject != null && EF.Functions.ILike(a.Subject, EF.Constant(pattern), SearchPattern.Escape));
        }

        // Newest first, by (time, id); a cursor carries the time as UTC ticks.
        var request = SeekRequest.From(Request.Query);
        var ordered = entries.Seek(a => a.At, a => a.Id, SeekOrder.Descending, request, request.KeyAsTime);
        var rows = await ordered.Take(PageSize + 1).ToListAsync();
        var count = CappedCount.Of(await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(CappedCount.Cap + 1).CountAsync());
        var page = SeekPager.Of(request, rows, PageSize, a => SeekRequest.Cursor(a.At, a.Id), count);
        (Entries, Pager) = (page.Rows, page.Pager);
    }
}
