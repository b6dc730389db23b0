namespace PartnerPortal.Web.Api.Graph;

/// <summary>Graph's <c>Prefer</c> request header, as far as this API honours it.</summary>
public static class GraphPreferences
{
    public const string IncludeUnknownEnumMembersToken = "include-unknown-enum-members";

    /// <summary>
    /// True when the caller sent <c>Prefer: include-unknown-enum-members</c> (among other preferences, in any case): evolvable
    /// enum members after <c>unknownFutureValue</c> are then answered by name, and <c>Preference-Applied</c> says so.
    /// </summary>
    public static bool IncludeUnknownEnumMembers(HttpContext http)
    {
        var asked = http.Request.Headers["Prefer"]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(p => string.Equals(p, IncludeUnknownEnumMembersToken, StringComparison.OrdinalIgnoreCase));
        if (asked)
        {
            http.Response.Headers["Preference-Applied"] = IncludeUnknownEnumMembersToken;
        }

        return asked;
    }
}
