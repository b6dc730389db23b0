using System.Globalization;
using PartnerPortal.Domain.Geography;
using PartnerPortal.Domain.Partners;

namespace PartnerPortal.Web.Localization;

/// <summary>English labels (localization keys) for domain enums.</summary>
public static class Labels
{
    public static string For(PartnerKind kind) => kind switch
    {
        PartnerKind.DirectBillPartner => "Direct-bill partner",
        PartnerKind.IndirectProvider => "Indirect provider",
        PartnerKind.IndirectReseller => "Indirect reseller",
        _ => kind.ToString(),
    };
}

/// <summary>Country names in the user's language (English, Russian or Simplified Chinese).</summary>
public static class CountryNames
{
    public static string Display(string code)
    {
        var english = Countries.Get(code).EnglishName;
        if (!CountryNameTranslations.ByCode.TryGetValue(code, out var translated))
        {
            return english;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
        {
            "ru" => translated.Russian,
            "zh" => translated.Chinese,
            _ => english,
        };
    }

    public static IEnumerable<(string Code, string Name)> All() =>
        Countries.All.Select(c => (c.Code, Display(c.Code))).OrderBy(c => c.Item2, StringComparer.CurrentCulture);
}
