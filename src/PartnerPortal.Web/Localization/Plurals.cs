using System.Globalization;
using Microsoft.Extensions.Localization;

namespace PartnerPortal.Web.Localization;

/// <summary>
/// Counts with the noun in the right form: a resource whose key holds its forms separated by '|' ("{0} role|{0} roles") has,
/// in each language, that language's forms in the order of its CLDR plural categories: English one|other, Russian
/// one|few|many (1 роль, 2 роли, 5 ролей), Chinese a single form. <c>LocalizationTests</c> checks each language's count.
/// </summary>
public static class Plurals
{
    /// <summary>How many forms a language's plural resources have.</summary>
    public static int FormsIn(CultureInfo culture) => Language(culture) switch
    {
        "ru" => 3,
        "zh" => 1,
        _ => 2,
    };

    /// <summary>Which of a language's forms a count takes (CLDR's cardinal rules for whole numbers).</summary>
    public static int FormFor(CultureInfo culture, long count)
    {
        var n = Math.Abs(count);
        return Language(culture) switch
        {
            "ru" => n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14 ? 1 : 2,
            "zh" => 0,
            _ => n == 1 ? 0 : 1,
        };
    }

    /// <summary>The count in the current UI language's form of <paramref name="forms"/>, formatted for the current culture.</summary>
    public static string Plural(this IStringLocalizer localizer, long count, string forms)
    {
        var culture = CultureInfo.CurrentUICulture;
        var localized = localizer[forms];
        var choices = (localized.ResourceNotFound ? forms : localized.Value).Split('|');
        var index = localized.ResourceNotFound ? (count == 1 ? 0 : 1) : FormFor(culture, count);
        var form = choices[Math.Min(index, choices.Length - 1)];
        return string.Format(CultureInfo.CurrentCulture, form, count);
    }

    private static string Language(CultureInfo culture) => culture.TwoLetterISOLanguageName;
}
