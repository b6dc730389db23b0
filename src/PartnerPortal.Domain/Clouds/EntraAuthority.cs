namespace PartnerPortal.Domain.Clouds;

/// <summary>
/// The Microsoft Entra ID authorities (national clouds) a work account signs in at. Each portal cloud names one in its
/// <see cref="CloudPolicy.SignInAuthority"/>.
/// </summary>
public enum EntraAuthority
{
    /// <summary>Microsoft Entra ID global service.</summary>
    Global,

    /// <summary>Microsoft Entra ID for US Government.</summary>
    UsGovernment,

    /// <summary>Microsoft Entra ID operated by 21Vianet.</summary>
    China,
}

public static class EntraAuthorities
{
    public static IReadOnlyList<EntraAuthority> All { get; } = [EntraAuthority.Global, EntraAuthority.UsGovernment, EntraAuthority.China];

    /// <summary>The public sign-in endpoint (instance) of each authority, from Microsoft's national-cloud documentation.</summary>
    public static string DefaultInstance(EntraAuthority authority) => authority switch
    {
        EntraAuthority.Global => "https://login.microsoftonline.com/",
        EntraAuthority.UsGovernment => "https://login.microsoftonline.us/",
        EntraAuthority.China => "https://login.chinacloudapi.cn/",
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, null),
    };

    /// <summary>
    /// The issuer of the authority's v2.0 tokens, "{tenantid}" standing for the signing-in tenant. 21Vianet's issuer host is
    /// not its sign-in host.
    /// </summary>
    public static string DefaultIssuerTemplate(EntraAuthority authority) => authority switch
    {
        EntraAuthority.Global => "https://login.microsoftonline.com/{tenantid}/v2.0",
        EntraAuthority.UsGovernment => "https://login.microsoftonline.us/{tenantid}/v2.0",
        EntraAuthority.China => "https://login.partner.microsoftonline.cn/{tenantid}/v2.0",
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, null),
    };

    /// <summary>English label of the button, also the localization key.</summary>
    public static string ButtonLabel(EntraAuthority authority) => authority switch
    {
        EntraAuthority.Global => "Sign in with Microsoft",
        EntraAuthority.UsGovernment => "Sign in with Microsoft (US Government)",
        EntraAuthority.China => "Sign in with Microsoft (operated by 21Vianet)",
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, null),
    };
}
