using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Web.Tests.Infrastructure;
using static PartnerPortal.Web.Tests.Infrastructure.Flows;

namespace PartnerPortal.Web.Tests.Integration;

/// <summary>Issue 8 finding 8: partner users enrol an authenticator app (required by default) and sign in with its codes.</summary>
public sealed class MfaTests() : IsolatedPortal(new Dictionary<string, string?> { ["Mfa:RequiredForPartnerUsers"] = "true" })
{
    /// <summary>RFC 6238 (SHA-1, 30 s, 6 digits), what an authenticator app computes from the key the page shows.</summary>
    private static string Totp(string base32Key, long offsetSteps = 0)
    {
        var key = Base32(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var counter = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + offsetSteps;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

#pragma warning disable CA5350 // TOTP is defined on HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(text.Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }

    [Fact]
    public async Task A_partner_user_must_enrol_then_signs_in_with_a_code_or_a_recovery_code()
    {
        var email = Partner("contoso", PartnerRole.AdminAgent);
        using var client = new PortalClient(Factory);
        var first = await client.SignInAsync(email);
        Assert.Equal("/Account/Mfa", first.Url.AbsolutePath);
        Assert.NotNull(first.Find("[data-testid=mfa-required]"));
        Assert.StartsWith("data:image/png;base64,", first.Find("[data-testid=qr-code]")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("/Account/Mfa", (await client.GetAsync("/Customers")).Url.AbsolutePath);

        var key = (await client.GetAsync("/Account/Mfa")).Find("[data-testid=shared-key]")!.TextContent;
        var enrol = await client.GetAsync("/Account/Mfa");
        var wrong = await client.SubmitAsync(enrol, "main form", new Dictionary<string, object?> { ["Code"] = "000000" });
        Assert.Contains("That code is not valid. Enter the current code from your authenticator app.", wrong.Errors);

        var enrolled = await client.SubmitAsync(enrol, "main form", new Dictionary<string, object?> { ["Code"] = Totp(key) });
        var recoveryCodes = enrolled.FindAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal("/Customers", (await client.GetAsync("/Customers")).Url.AbsolutePath);

        // Next sign-in asks for a code.
        using var again = new PortalClient(Factory);
        var step = await again.SignInAsync(email);
        Assert.Equal("/Account/SignInCode", step.Url.AbsolutePath);
        var refused = await again.SubmitAsync(step, "main form", new Dictionary<string, object?> { ["Code"] = "123456" });
        Assert.Contains("That code is not valid. Enter the current code from your authenticator app.", refused.Errors);
        var inside = await again.SubmitAsync(step, "main form", new Dictionary<string, object?> { ["Code"] = Totp(key) });
        Assert.Equal("/", inside.Url.AbsolutePath);

        // A recovery code works once.
        using var lostPhone = new PortalClient(Factory);
        var recoveryStep = await lostPhone.SignInAsync(email);
        var recovered = await lostPhone.SubmitAsync(recoveryStep, "main form", new Dictionary<string, object?> { ["Code"] = recoveryCodes[0], ["IsRecoveryCode"] = "true" });
        Assert.Equal("/", recovered.Url.AbsolutePath);
        using var reuse = new PortalClient(Factory);
        var reuseStep = await reuse.SignInAsync(email);
        var reused = await reuse.SubmitAsync(reuseStep, "main form", new Dictionary<string, object?> { ["Code"] = recoveryCodes[0], ["IsRecoveryCode"] = "true" });
        Assert.Equal("/Account/SignInCode", reused.Url.AbsolutePath);

        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "MfaEnrolled" && a.Actor == email));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SignedInWithRecoveryCode" && a.Actor == email));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "SignInCodeFailed" && a.Actor == email));
    }

    [Fact]
    public async Task Resetting_the_app_turns_multi_factor_off_until_a_new_app_is_confirmed()
    {
        var email = Partner("fabrikam", PartnerRole.SalesAgent);
        using var client = new PortalClient(Factory);
        var enrol = await client.SignInAsync(email);
        var key = enrol.Find("[data-testid=shared-key]")!.TextContent;
        await client.SubmitAsync(enrol, "main form", new Dictionary<string, object?> { ["Code"] = Totp(key) });

        var settings = await client.GetAsync("/Account/Mfa");
        var reset = await client.SubmitAsync(settings, "form[action*='handler=Reset']");
        var newKey = reset.Find("[data-testid=shared-key]")!.TextContent;
        Assert.NotEqual(key, newKey);
        Assert.Equal("/Account/Mfa", (await client.GetAsync("/Customers")).Url.AbsolutePath);
        await using var db = TestDatabase.OpenSystemContext(Factory.ConnectionString);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "MfaReset" && a.Actor == email));
    }

    [Fact]
    public async Task A_customers_admin_is_not_asked_to_enrol()
    {
        using var client = new PortalClient(Factory);
        var home = await client.SignInAsync(CustomerAdmin("adatum"));
        Assert.Equal("/", home.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/AdminCenter/PartnerRelationships")).Status);
    }
}
