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
using PartnerPortal.Web.Localization;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>
/// The partner's admin relationships (issue 10), with the expiry tiles: ending within 1, 7 and 30 days, after 30 days, and
/// expired in the past year, each with its count and share and each filtering the list; search by customer or relationship
/// name; the list as CSV; auto-extend on or off for up to 25 selected at a time. Counted, filtered and paged in the database.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class IndexModel(PortalDbContext db, AdminRelationshipCommands commands, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 25;
    public const int MaxCsvRows = 10_000;

    public static readonly string[] CsvHeaders = ["Name", "Customer", "Status", "Roles", "Duration (days)", "Auto-extend", "Created", "Approved", "Ends"];

    /// <summary>The list's views: the tiles' windows, and the states the tiles leave out.</summary>
    public static IReadOnlyList<string> Views { get; } = ["all", "1", "7", "30", "later", "expired", "pending", "ended"];

    public sealed record Tile(string View, string Label, int Count, int SharePercent);

    public sealed record Row(Guid Id, string Name, string? Customer, AdminRelationshipPhase Phase, AdminRelationshipEnd? End, int Roles, DateTimeOffset? EndsAt, bool AutoExtend, bool IncludesGlobalAdministrator);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    public string View => Show is { } v && Views.Contains(v) ? v : "all";
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;
    public IReadOnlyList<string> Refusals { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        Tiles = await TilesAsync(now);
        var request = SeekRequest.From(Request.Query);
        var byEnd = View is "1" or "7" or "30" or "later" or "expired";
        var filtered = Filter(db.AdminRelationships.AsNoTracking(), now);
        var rows = await Seek(filtered, request, byEnd).Take(PageSize + 1).ToListAsync();
        var count = await filtered.Take(CappedCount.Cap + 1).CountAsync();
        var page = SeekPager.Of(request, rows, PageSize, r => byEnd ? SeekRequest.Cursor(r.EndsAt!.Value, r.Id) : SeekRequest.Cursor(r.CreatedAt, r.Id), CappedCount.Of(count));
        Pager = page.Pager;
        Rows = page.Rows.Select(r => ToRow(r, now)).ToList();
    }

    /// <summary>The list as it is filtered now, every page of it (up to 10,000 rows), as CSV for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var now = clock.GetUtcNow();
        var rows = await Filter(db.AdminRelationships.AsNoTracking(), now).OrderBy(r => r.EndsAt).ThenBy(r => r.Id).Take(MaxCsvRows).ToListAsync();
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

    public Task<IActionResult> OnPostAutoExtendOnAsync() => BulkAsync(true);

    public Task<IActionResult> OnPostAutoExtendOffAsync() => BulkAsync(false);

    private async Task<IActionResult> BulkAsync(bool on)
    {
        var result = await commands.SetAutoExtendAsync(User, Selected, on);
        if (result.Succeeded && result.Value!.Refused.Count == 0)
        {
            TempData["StatusMessage"] = Changed(on, result.Value.Changed);
            return RedirectToPage(new { q = Query, show = Show });
        }

        if (result.Status == CommandStatus.NotFound)
        {
            return NotFound();
        }

        await OnGetAsync();
        if (result.Succeeded)
        {
            Refusals = result.Value!.Refused.Select(r => $"{r.Relationship}: {l.Localize(r.Error)}").ToList();
            ModelState.AddModelError(string.Empty, Changed(on, result.Value.Changed) + " " + l["These were not changed:"].Value);
            return Page();
        }

        return this.Failure(result, l) ?? Page();
    }

    private string Changed(bool on, int count) => on
        ? l["Auto-extend turned on for {0}.", l.Plural(count, "{0} admin relationship|{0} admin relationships")].Value
        : l["Auto-extend turned off for {0}.", l.Plural(count, "{0} admin relationship|{0} admin relationships")].Value;

    private IQueryable<AdminRelationship> Filter(IQueryable<AdminRelationship> all, DateTimeOffset now)
    {
        var query = all;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = SearchPattern.Contains(Query);
            query = query.Where(r => EF.Functions.ILike(r.DisplayName, EF.Constant(pattern)) || (r.CustomerName != null && EF.Functions.ILike(r.CustomerName, EF.Constant(pattern))));
        }

        var yearAgo = now.AddDays(-365);
        return View switch
        {
            "later" => query.Where(AdminRelationshipPhases.EndingAfter(now, AdminRelationshipRules.ReminderDays.Max())),
            "expired" => query.Where(AdminRelationshipPhases.ExpiredSince(now, yearAgo)),
            "pending" => query.Where(AdminRelationshipPhases.AwaitingApproval),
            "ended" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Terminated, now)),
            _ when int.TryParse(View, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && AdminRelationshipRules.ReminderDays.Contains(days)
                => query.Where(AdminRelationshipPhases.EndingWithin(now, days)),
            _ => query,
        };
    }

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
