using System.Collections.Frozen;

namespace PartnerPortal.Domain.Geography;

/// <summary>Partner regions. A partner may work with customers in its own region (seed 000).</summary>
public enum Region
{
    NorthAmerica,
    LatinAmericaAndCaribbean,
    Europe,
    MiddleEast,
    Africa,
    AsiaPacific,
    Antarctica,
}

public sealed record Country(string Code, string EnglishName, Region Region, bool EuOrEfta = false);

public static partial class Countries
{
    private static readonly FrozenDictionary<string, Country> ByCode;

    // A static constructor runs after every field initializer of every part, so Table is set by then.
    static Countries() => ByCode = Table.ToFrozenDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<Country> All => Table;

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Country Get(string code) =>
        ByCode.TryGetValue(code, out var country)
            ? country
            : throw new ArgumentException($"'{code}' is not an ISO 3166-1 alpha-2 country code.", nameof(code));

    public static IEnumerable<Country> InRegion(Region region) => Table.Where(c => c.Region == region);
}

/// <summary>Seed 000: "from within your country or your same region".</summary>
public static class RegionRule
{
    public static bool SameCountryOrRegion(string partnerCountry, string customerCountry) =>
        string.Equals(partnerCountry, customerCountry, StringComparison.OrdinalIgnoreCase)
        || Countries.Get(partnerCountry).Region == Countries.Get(customerCountry).Region;
}
