using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PartnerPortal.Web.Identity;
using QRCoder;

namespace PartnerPortal.Web.Security;

/// <summary>The key an authenticator app is enrolled with: grouped for typing, and as a QR code of its otpauth link.</summary>
public sealed record AuthenticatorKey(string SharedKey, string QrCodeDataUri);

/// <summary>
/// Multi-factor sign-in with an authenticator app, for the MFA page: the key to enrol with, confirming it with a code,
/// resetting it, and recovery codes. Every change is a security event in the audit log, and the signed-in session is
/// refreshed so its claims follow.
/// </summary>
public sealed class AuthenticatorEnrolment(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, SignInManager<ApplicationUser> signIn, SecurityEvents events, IOptions<MfaOptions> options)
{
    private const int RecoveryCodeCount = 10;

    /// <summary>The user's key, drawn the first time (not a reset, which would end every session of the user merely for opening the page).</summary>
    public async Task<AuthenticatorKey> KeyAsync(ApplicationUser user, CancellationToken cancellationToken)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            await users.UpdateAsync(user);
        }

        var issuer = Uri.EscapeDataString(options.Value.Issuer);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
        return new(
            string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant(),
            "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.Q, 4)));
    }

    /// <summary>Confirms the app with a code from it and turns multi-factor sign-in on: the recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ApplicationUser user, string? code)
    {
        var digits = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await RecoveryCodesAsync(user);
        await events.RecordAsync("MfaEnrolled", user, user.Email);
        await signIn.RefreshSignInAsync(user);
        return recoveryCodes;
    }

    /// <summary>A lost phone: a new key, multi-factor sign-in off until the new app is confirmed.</summary>
    public async Task ResetAsync(ApplicationUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await events.RecordAsync("MfaReset", user, user.Email);
        await signIn.RefreshSignInAsync(user);
    }

    /// <summary>New recovery codes in place of the old ones, for a user with multi-factor sign-in on.</summary>
    public async Task<IReadOnlyList<string>> RenewRecoveryCodesAsync(ApplicationUser user)
    {
        var recoveryCodes = await RecoveryCodesAsync(user);
        await events.RecordAsync("MfaRecoveryCodesRenewed", user, user.Email);
        return recoveryCodes;
    }

    private async Task<IReadOnlyList<string>> RecoveryCodesAsync(ApplicationUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
}
