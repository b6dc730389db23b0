namespace PartnerPortal.Web.Infrastructure;

/// <summary>ILIKE patterns from what a user typed: their %, _ and \ match themselves, not anything.</summary>
public static class SearchPattern
{
    public static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
