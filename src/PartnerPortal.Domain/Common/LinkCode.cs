using System.Security.Cryptography;

namespace PartnerPortal.Domain.Common;

/// <summary>The random code in a personalized link (invitations, admin relationship approvals): URL-safe, 128 random bits.</summary>
public static class LinkCode
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Whether the text could be a code at all (an altered or truncated link is refused before any lookup).</summary>
    public static bool LooksLike(string? code) =>
        code is { Length: 22 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
