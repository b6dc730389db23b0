using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Identity;

namespace PartnerPortal.Web.Security;

/// <summary>
/// NIST SP 800-63B passwords: at least 12 and at most 128 characters, no composition rules, but not a common or breached
/// password (a list shipped with the project: John the Ripper's public-domain password.lst plus a few long patterns), not
/// one character repeated, and not built from the user's own name, email or the portal's name.
/// </summary>
public sealed class PortalPasswordValidator(IStringLocalizer<SharedResource> l) : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        password ??= string.Empty;
        var problem = Check(password, user.Email, user.DisplayName);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordRule", Description = l[problem] }));
    }

    /// <summary>English text of the first problem (the localization key), or null for an acceptable password.</summary>
    public static string? Check(string password, string? email, string? displayName)
    {
        if (password.Length < MinimumLength)
        {
            return "Use at least 12 characters. A few unrelated words make a strong password that is easy to remember.";
        }

        if (password.Length > MaximumLength)
        {
            return "Use at most 128 characters.";
        }

        var lower = password.ToLowerInvariant();
        var core = lower.TrimEnd("0123456789!@#$%^&*()-_=+.?,;: ".ToCharArray()).TrimStart("0123456789!@#$%^&*()-_=+.?,;: ".ToCharArray());
        if (Common.Value.Contains(lower) || Common.Value.Contains(core) || lower.Distinct().Count() <= 3)
        {
            return "This password is too common or too easy to guess. Choose another.";
        }

        var personal = new List<string> { "partnerportal" };
        if (email?.Split('@')[0] is { Length: >= 4 } local)
        {
            personal.Add(local.ToLowerInvariant());
        }

        personal.AddRange((displayName ?? string.Empty).Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).Select(w => w.ToLowerInvariant()));
        return personal.Any(p => lower.Contains(p, StringComparison.Ordinal))
            ? "Do not build the password from your name, your email address or the portal's name."
            : null;
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PartnerPortal.Web.Security.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("#!comment", StringComparison.Ordinal) && line.Length > 0)
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
