using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Web.Infrastructure;

public static class LocalizedErrors
{
    /// <summary>A domain refusal in the user's language; string arguments (cloud and agreement names) are localized too.</summary>
    public static string Localize(this IStringLocalizer localizer, DomainError error) =>
        localizer[error.Message, error.Arguments.Select(a => a is string s ? localizer[s].Value : a).ToArray()];
}
