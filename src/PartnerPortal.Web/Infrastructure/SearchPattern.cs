namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// ILIKE patterns from what a user typed: their %, _ and \ match themselves, not anything. Control characters are dropped:
/// no stored name contains one, and PostgreSQL refuses a NUL in text outright. Queries put the pattern into their SQL with
/// <c>EF.Constant</c> (EF writes it as an escaped string literal), so PostgreSQL plans each text for its own selectivity even
/// when the statement around it is prepared and runs on a generic plan.
/// </summary>
public static class SearchPattern
{
    /// <summary>The escape character of these patterns, PostgreSQL's default for ILIKE; LIKE through EF must name it.</summary>
    public const string Escape = "\\";

    public static string Contains(string text) =>
        "%" + new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
