namespace PartnerPortal.Domain.Common;

/// <summary>
/// A number with its noun, as an argument of a <see cref="DomainError"/>: <see cref="Forms"/> is the English forms separated
/// by '|' ("{0} license|{0} licenses"), the key of the localized forms the pages pick from by the count.
/// </summary>
public sealed record Count(long N, string Forms)
{
    /// <summary>English, for logs and the API's messages.</summary>
    public override string ToString() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Forms.Split('|')[N == 1 ? 0 : ^1], N);
}
