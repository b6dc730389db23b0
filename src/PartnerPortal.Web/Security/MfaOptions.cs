namespace PartnerPortal.Web.Security;

public sealed class MfaOptions
{
    public const string Section = "Mfa";

    /// <summary>
    /// Partner staff must enrol an authenticator app before using the portal, as Partner Center requires multi-factor
    /// sign-in for partner users. On by default; the demo start (scripts/run.sh) turns it off so the demo sign-ins work at once.
    /// </summary>
    public bool RequiredForPartnerUsers { get; set; } = true;

    /// <summary>The issuer name authenticator apps show next to the account.</summary>
    public string Issuer { get; set; } = "PartnerPortal";
}
