using System.Globalization;
using System.Net.Mail;

namespace PartnerPortal.Domain.Common;

/// <summary>
/// What a stored name, address or phone number may be, the same for every form, the API and the domain's own checks. Names and
/// addresses must be readable text: no control characters (CR/LF, ESC, DEL, NUL), no invisible formatting (zero-width or bidi
/// override characters), at least one letter or digit. Email addresses need a dotted domain; phone numbers take ASCII digits
/// and the usual separators.
/// </summary>
public static class TextRules
{
    public static bool IsReadableText(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.All(c => CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
               || char.IsSurrogate(c))
            && value.Any(char.IsLetterOrDigit));

    public static bool IsEmailAddress(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.Length <= 254
            && IsReadableText(value)
            && !value.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(value, out var parsed)
            && parsed.Address == value
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.'));

    public static bool IsPhoneNumber(string? value) =>
        string.IsNullOrEmpty(value)
        || (value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.')
            && value.Count(char.IsAsciiDigit) is >= 4 and <= 20);
}
