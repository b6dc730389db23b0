using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>
/// The partner's admin relationships (issue 10), with the expiry tiles: ending within 1, 7 and 30 days, after 30 days, and
/// expired in the past year, each with its count and share and each filtering the list; search by customer or relationship
/// name; the list as CSV. Auto-extend on or off, and terminate, for a selection or every row the filter shows, with no cap
/// (issue 19): a bulk change done in the background, whose page shows its progress. Counted, filtered and paged in the database.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class IndexModel(PortalDbContext db, BulkChanges bulk, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    /// <summary>The change is for every row the filter shows (on every page), not only the ticked ones.</summary>
    [BindProperty]
    public bool AllShown { get; set; }

    /// <summary>Set by the confirmation's button: a bulk terminate is asked for twice.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty]
    public Guid FormToken { get; set; } = Guid.NewGuid();

    public string View => AdminRelationshipList.ViewOf(Show);

    /// <summary>How many rows the filter shows (capped); "all shown" changes this many.</summary>
    public CappedCount Shown => Pager.Count;

    /// <summary>While a terminate waits for its confirmation: how many relationships it would end.</summary>
    public int? ConfirmingTerminate { get; private set; }
    public IReadOnlyList<AdminRelationshipList.Tile> Tiles { get; private set; } = [];
    public IReadOnlyList<AdminRelationshipList.Row> Rows { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Tiles = await AdminRelationshipList.TilesAsync(db.AdminRelationships, now);
        (Rows, Pager) = await AdminRelationshipList.PageAsync(Filtered(now), View, SeekRequest.From(Request.Query), now);
    }

    /// <summary>The list as it is filtered now, every page of it (up to 10,000 rows), as CSV for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var now = clock.GetUtcNow();
        var records = await AdminRelationshipList.CsvAsync(Filtered(now), now, row => l[AdminRelationshipLabels.Phase(row.Phase, row.End)].Value);
        var header = AdminRelationshipList.CsvHeaders.Select(h => l[h].Value).ToArray();
        return File(CsvFiles.Bytes(records.Prepend(header)), "text/csv; charset=utf-8", $"admin-relationships-{View}.csv");
    }

    public Task<IActionResult> OnPostAutoExtendOnAsync() => BulkAsync(BulkChangeKind.AutoExtendOn);

    public Task<IActionResult> OnPostAutoExtendOffAsync() => BulkAsync(BulkChangeKind.AutoExtendOff);

    public Task<IActionResult> OnPostTerminateAsync() => BulkAsync(BulkChangeKind.Terminate);

    /// <summary>Starts the bulk change and opens its progress page; a terminate first asks to be confirmed.</summary>
    private async Task<IActionResult> BulkAsync(BulkChangeKind kind)
    {
        var now = clock.GetUtcNow();
        var ids = AllShown ? await Filtered(now).Select(r => r.Id).ToListAsync() : Selected;
        if (kind == BulkChangeKind.Terminate && !Confirmed && ids.Count > 0)
        {
            await OnGetAsync();
            ConfirmingTerminate = ids.Distinct().Count();
            return Page();
        }

        var result = await bulk.StartAsync(User, kind, ids, FormToken);
        if (result.Succeeded)
        {
            return RedirectToPage("Changes", new { id = result.Value });
        }

        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        await OnGetAsync();
        return this.Failure(result, l) ?? Page();
    }

    private IQueryable<AdminRelationship> Filtered(DateTimeOffset now) => AdminRelationshipList.Filter(db.AdminRelationships.AsNoTracking(), View, Query, now);
}
