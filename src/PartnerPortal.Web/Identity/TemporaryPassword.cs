using System.Security.Cryptography;

namespace PartnerPortal.Web.Identity;

/// <summary>Temporary passwords for new accounts: shown once, stored only as Identity's hash, changed at first sign-in.</summary>
public static class TemporaryPassword
{
    // No look-alike characters (0/O, 1/l/I): easy to read out over the phone.
    private const string Lower = "abcdefghjkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Any = Lower + Upper + Digits;

    public static string Generate()
    {
        // At least one of each kind so every password rule is met, then shuffled.
        var chars = new[] { Pick(Lower), Pick(Upper), Pick(Digits) }
            .Concat(Enumerable.Range(0, 13).Select(_ => Pick(Any)))
            .ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string from) => from[RandomNumberGenerator.GetInt32(from.Length)];
}
