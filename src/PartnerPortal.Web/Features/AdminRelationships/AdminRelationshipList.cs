using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>
/// The Admin relationships list's views and search, in one place: the page shows them, its CSV downloads them, and a bulk change
/// "for all rows this filter shows" takes exactly the same rows.
/// </summary>
public static class AdminRelationshipList
{
    /// <summary>The list's views: the tiles' windows, and the states the tiles leave out.</summary>
    public static IReadOnlyList<string> Views { get; } = ["all", "1", "7", "30", "later", "expired", "pending", "ended"];

    /// <summary>The view asked for, or "all" for anything else.</summary>
    public static string ViewOf(string? show) => show is { } v && Views.Contains(v) ? v : "all";

    /// <summary>Views ordered by end date (soonest first) rather than newest request first.</summary>
    public static bool ByEnd(string view) => view is "1" or "7" or "30" or "later" or "expired";

    public static IQueryable<AdminRelationship> Filter(IQueryable<AdminRelationship> all, string view, string? search, DateTimeOffset now)
    {
        var query = all;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = SearchPattern.Contains(search);
            query = query.Where(r => EF.Functions.ILike(r.DisplayName, EF.Constant(pattern), SearchPattern.Escape) || (r.CustomerName != null && EF.Functions.ILike(r.CustomerName, EF.Constant(pattern), SearchPattern.Escape)));
        }

        var yearAgo = now.AddDays(-365);
        return view switch
        {
            "later" => query.Where(AdminRelationshipPhases.EndingAfter(now, AdminRelationshipRules.ReminderDays.Max())),
            "expired" => query.Where(AdminRelationshipPhases.ExpiredSince(now, yearAgo)),
            "pending" => query.Where(AdminRelationshipPhases.AwaitingApproval),
            "ended" => query.Where(AdminRelationshipPhases.In(AdminRelationshipPhase.Terminated, now)),
            _ when int.TryParse(view, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && AdminRelationshipRules.ReminderDays.Contains(days)
                => query.Where(AdminRelationshipPhases.EndingWithin(now, days)),
            _ => query,
        };
    }

    public sealed record Tile(string View, string Label, int Count, int SharePercent);

    /// <summary>A row of the list as of now.</summary>
    public sealed record Row(Guid Id, string Name, string? Customer, AdminRelationshipPhase Phase, AdminRelationshipEnd? End, int Roles, DateTimeOffset? EndsAt, bool AutoExtend, bool IncludesGlobalAdministrator);

    /// <summary>The five tiles in one query; each share is of the relationships the tiles cover (active, or expired in the past year).</summary>
    public static async Task<IReadOnlyList<Tile>> TilesAsync(IQueryable<AdminRelationship> all, DateTimeOffset now)
    {
        // One statement: each tile is a count over the same expression as its view.
        var (day, week, month) = (AdminRelationshipRules.ReminderDays[2], AdminRelationshipRules.ReminderDays[1], AdminRelationshipRules.ReminderDays[0]);
        var yearAgo = now.AddDays(-365);
        var (inDay, inWeek, inMonth) = (AdminRelationshipPhases.EndingWithin(now, day), AdminRelationshipPhases.EndingWithin(now, week), AdminRelationshipPhases.EndingWithin(now, month));
        var (afterMonth, expiredInYear) = (AdminRelationshipPhases.EndingAfter(now, month), AdminRelationshipPhases.ExpiredSince(now, yearAgo));
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
    public static IQueryable<AdminRelationship> Seek(IQueryable<AdminRelationship> query, SeekRequest request, bool byEnd) => byEnd
        ? query.Seek(r => r.EndsAt!.Value, r => r.Id, SeekOrder.Ascending, request, request.KeyAsTime)
        : query.Seek(r => r.CreatedAt, r => r.Id, SeekOrder.Descending, request, request.KeyAsTime);

    /// <summary>A row as of now; a terminated relationship shows no end date (it ended early, or never began).</summary>
    public static Row ToRow(AdminRelationship r, DateTimeOffset now)
    {
        var phase = r.PhaseAt(now);
        var ends = phase == AdminRelationshipPhase.Terminated ? null : r.EndsAtAsOf(now);
        return new(r.Id, r.DisplayName, r.CustomerName, phase, r.EndReason, r.Roles.Length, ends, r.AutoExtend, r.IncludesGlobalAdministrator);
    }

    public const int PageSize = 25;
    public const int MaxCsvRows = 10_000;

    /// <summary>The CSV's columns, English (each is also its localization key).</summary>
    public static readonly string[] CsvHeaders = ["Name", "Customer", "Status", "Roles", "Duration (days)", "Auto-extend", "Created", "Approved", "Ends"];

    /// <summary>One page of the filtered list; its pager's count is how many rows the filter shows (capped).</summary>
    public static async Task<SeekPage<Row>> PageAsync(IQueryable<AdminRelationship> filtered, string view, SeekRequest request, DateTimeOffset now)
    {
        var byEnd = ByEnd(view);
        var rows = await Seek(filtered, request, byEnd).Take(PageSize + 1).ToListAsync();
        var shown = CappedCount.Of(await filtered.Take(CappedCount.Cap + 1).CountAsync());
        var page = SeekPager.Of(request, rows, PageSize, r => byEnd ? SeekRequest.Cursor(r.EndsAt!.Value, r.Id) : SeekRequest.Cursor(r.CreatedAt, r.Id), shown);
        return new SeekPage<Row>(page.Rows.Select(r => ToRow(r, now)).ToList(), page.Pager);
    }

    /// <summary>
    /// Every page of the filtered list (up to 10,000 rows), soonest end first, as CSV lines after the header; <paramref name="phaseLabel"/>
    /// names a row's status in the viewer's language.
    /// </summary>
    public static async Task<IReadOnlyList<string[]>> CsvAsync(IQueryable<AdminRelationship> filtered, DateTimeOffset now, Func<Row, string> phaseLabel)
    {
        var rows = await filtered.OrderBy(r => r.EndsAt).ThenBy(r => r.Id).Take(MaxCsvRows).ToListAsync();
        return rows.Select(r =>
        {
            var row = ToRow(r, now);
            return new[]
            {
                r.DisplayName,
                r.CustomerName ?? string.Empty,
                phaseLabel(row),
                string.Join("; ", EntraRoles.InOrder(r.Roles).Select(x => x.Name)),
                r.DurationDays.ToString(CultureInfo.InvariantCulture),
                r.AutoExtend ? "yes" : "no",
                r.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                r.ActivatedAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty,
                row.EndsAt?.ToString("u", CultureInfo.InvariantCulture) ?? string.Empty,
            };
        }).ToList();
    }
}
