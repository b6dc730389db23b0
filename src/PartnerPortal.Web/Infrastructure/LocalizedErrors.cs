using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Localization;

namespace PartnerPortal.Web.Infrastructure;

public static class LocalizedErrors
{
    /// <summary>A domain refusal in the user's language; string arguments (cloud and agreement names) are localized
    /// too, and a <see cref="Count"/> takes its noun's form for the number.</summary>
    public static string Localize(this IStringLocalizer localizer, DomainError error) =>
        localizer[error.Message, error.Arguments.Select(a => a switch
        {
            string s => localizer[s].Value,
            Count c => localizer.Plural(c.N, c.Forms),
            _ => a,
        }).ToArray()];
}
