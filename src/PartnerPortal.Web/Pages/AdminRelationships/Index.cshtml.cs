using System.Globalization;
using System.Text;
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
    public const int PageSize = 25;
    public const int MaxCsvRows = 10_000;

    public static readonly string[] CsvHeaders = ["Name", "Customer", "Status", "Roles", "Duration (days)", "Auto-extend", "Created", "Approved", "Ends"];

    public sealed record Tile(string View, string Label, int Count, int SharePercent);

    public sealed record Row(Guid Id, string Name, string? Customer, AdminRelationshipPhase Phase, AdminRelationshipEnd? End, int Roles, DateTimeOffset? EndsAt, bool AutoExtend, bool IncludesGlobalAdministrator);

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
    public CappedCount Shown { get; private set; } = new(0, false);

    /// <summary>While a terminate waits for its confirmation: how many relationships it would end.</summary>
    public int? ConfirmingTerminate { get; private set; }
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Tiles = await TilesAsync(now);
        var request = SeekRequest.From(Request.Query);
        var byEnd = AdminRelationshipList.ByEnd(View);
        var filtered = Filtered(now);
        var rows = await Seek(filtered, request, byEnd).Take(PageSize + 1).ToListAsync();
        var count = await filtered.Take(CappedCount.Cap + 1).CountAsync();
        Shown = CappedCount.Of(count);
        var page = SeekPager.Of(request, rows, PageSize, r => byEnd ? SeekRequest.Cursor(r.EndsAt!.Value, r.Id) : SeekRequest.Cursor(r.CreatedAt, r.Id), Shown);
        Pager = page.Pager;
        Rows = page.Rows.Select(r => ToRow(r, now)).ToList();
    }

    /// <summary>The list as it is filtered now, every page of it (up to 10,000 rows), as CSV for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var now = clock.GetUtcNow();
        var rows = await Filtered(now).OrderBy(r => r.EndsAt).ThenBy(r => r.Id).Take(MaxCsvRows).ToListAsync();
        var csv = new StringBuilder();
        // RFC 4180: CRLF after each record.
        csv.Append(string.Join(",", CsvHeaders.Select(h => Cell(l[h])))).Append("\r\n");
        foreach (var r in rows)
        {
            var row = ToRow(r, now);
            csv.Append(string.Join(",", new[]
            {
                r.DisplayName,
                r.CustomerName ?? string.Empty,
                l[AdminRelationshipLabels.Phase(row.Phase, row.End)].Value,
                string.Join("; ", EntraRoles.InOrder(r.Roles).Select(x => x.Name)),
                r.DurationDays.ToString(CultureInfo.InvariantCulture),
                r.AutoExtend ? "yes" : "no",
                r.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                r.ActivatedAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty,
                row.EndsAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty,
            }.Select(Cell))).Append("\r\n");
        }

        // A byte order mark, so spreadsheet programs read Russian and Chinese names as UTF-8.
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"admin-relationships-{View}.csv");
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

    /// <summary>The five tiles in one query; each share is of the relationships the tiles cover (active, or expired in the past year).</summary>
    private async Task<IReadOnlyList<Tile>> TilesAsync(DateTimeOffset now)
    {
        // One statement: each tile is a count over the same expression as its view.
        var (day, week, month) = (AdminRelationshipRules.ReminderDays[2], AdminRelationshipRules.ReminderDays[1], AdminRelationshipRules.ReminderDays[0]);
        var yearAgo = now.AddDays(-365);
        var (inDay, inWeek, inMonth) = (AdminRelationshipPhases.EndingWithin(now, day), AdminRelationshipPhases.EndingWithin(now, week), AdminRelationshipPhases.EndingWithin(now, month));
        var (afterMonth, expiredInYear) = (AdminRelationshipPhases.EndingAfter(now, month), AdminRelationshipPhases.ExpiredSince(now, yearAgo));
        var all = db.AdminRelationships;
        var counts = await all.Take(1).Select(_ => new
        {
            Day = all.Count(inDay),
            Week = all.Count(inWeek),
            Month = all.Count(inMonth),
            Later = all.Count(afterMonth),
            Expired = all.Count(expiredInYear),
        })
            .SingleOrDefaultAsync();
        var (d, w, m, later, expired) = counts is null ? (0, 0, 0, 0, 0) : (counts.Day, counts.Week, counts.Month, counts.Later, counts.Expired);
        var total = m + later + expired;
        int Share(int n) => total == 0 ? 0 : (int)Math.Round(100.0 * n / total);
        return
        [
            new("1", "Ending within 1 day", d, Share(d)),
            new("7", "Ending within 7 days", w, Share(w)),
            new("30", "Ending within 30 days", m, Share(m)),
            new("later", "Ending after 30 days", later, Share(later)),
            new("expired", "Expired in the past year", expired, Share(expired)),
        ];
    }

    /// <summary>Soonest end first when sorting by end date; otherwise newest request first.</summary>
    private static IQueryable<AdminRelationship> Seek(IQueryable<AdminRelationship> query, SeekRequest request, bool byEnd) => byEnd
        ? query.Seek(r => r.EndsAt!.Value, r => r.Id, SeekOrder.Ascending, request, request.KeyAsTime)
        : query.Seek(r => r.CreatedAt, r => r.Id, SeekOrder.Descending, request, request.KeyAsTime);

    /// <summary>A row as of now; a terminated relationship shows no end date (it ended early, or never began).</summary>
    private static Row ToRow(AdminRelationship r, DateTimeOffset now)
    {
        var phase = r.PhaseAt(now);
        var ends = phase == AdminRelationshipPhase.Terminated ? null : r.EndsAtAsOf(now);
        return new(r.Id, r.DisplayName, r.CustomerName, phase, r.EndReason, r.Roles.Length, ends, r.AutoExtend, r.IncludesGlobalAdministrator);
    }

    /// <summary>A CSV cell: quoted, and a leading = + - @ neutralized so a spreadsheet never runs a name as a formula.</summary>
    private static string Cell(string value) => CsvFiles.Cell(value);
}
