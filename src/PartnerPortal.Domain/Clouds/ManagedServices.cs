namespace PartnerPortal.Domain.Clouds;

/// <summary>A customer's service a partner manages through delegated admin, and where its admin center is.</summary>
/// <param name="UrlTemplate">The admin center's address, <c>{domain}</c> standing for the customer's domain.</param>
public sealed record ManagedService(string Id, string Name, string UrlTemplate)
{
    public string UrlFor(string customerDomain) => UrlTemplate.Replace("{domain}", Uri.EscapeDataString(customerDomain), StringComparison.Ordinal);
}

/// <summary>
/// The admin centers each cloud has for a customer managed through granular delegated admin (Graph's serviceManagementDetails),
/// as data. Germany offers no granular delegated admin, so it has none.
/// </summary>
public static class ManagedServices
{
    private static readonly Dictionary<Cloud, IReadOnlyList<ManagedService>> ByCloud = new Dictionary<Cloud, IReadOnlyList<ManagedService>>
    {
        [Cloud.Public] =
        [
            new("M365AdminPortal", "Microsoft 365 admin center", "https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID={domain}"),
            new("MEXAdminPortal", "Exchange admin center", "https://admin.exchange.microsoft.com/?delegatedOrg={domain}"),
            new("EntraAdminPortal", "Microsoft Entra admin center", "https://entra.microsoft.com/{domain}"),
            new("IntuneAdminPortal", "Microsoft Intune admin center", "https://intune.microsoft.com/{domain}"),
            new("AzurePortal", "Azure portal", "https://portal.azure.com/{domain}"),
        ],
        [Cloud.UsGovernment] =
        [
            new("M365AdminPortal", "Microsoft 365 admin center", "https://portal.office365.us/Partner/BeginClientSession.aspx?CTID={domain}"),
            new("MEXAdminPortal", "Exchange admin center", "https://admin.exchange.office365.us/?delegatedOrg={domain}"),
            new("EntraAdminPortal", "Microsoft Entra admin center", "https://entra.microsoft.us/{domain}"),
            new("AzurePortal", "Azure portal", "https://portal.azure.us/{domain}"),
        ],
        [Cloud.China21Vianet] =
        [
            new("M365AdminPortal", "Microsoft 365 admin center operated by 21Vianet", "https://portal.partner.microsoftonline.cn/Partner/BeginClientSession.aspx?CTID={domain}"),
            new("AzurePortal", "Azure portal operated by 21Vianet", "https://portal.azure.cn/{domain}"),
        ],
        [Cloud.Germany] = [],
    };

    public static IReadOnlyList<ManagedService> For(Cloud cloud) => ByCloud[cloud];
}
