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
            query = query.Where(r => EF.Functions.ILike(r.DisplayName, EF.Constant(pattern)) || (r.CustomerName != null && EF.Functions.ILike(r.CustomerName, EF.Constant(pattern))));
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
}
