namespace PartnerPortal.Domain.Relationships;

/// <summary>
/// Services for which a customer can delegate administration privileges to a partner
/// ("Include delegated administration privileges for Azure Active Directory and Office 365", seed 000 step 2).
/// </summary>
public enum DelegatedAdminService
{
    AzureActiveDirectory,
    Office365,
}

public static class DelegatedAdminServices
{
    public static IReadOnlyList<DelegatedAdminService> All { get; } = Enum.GetValues<DelegatedAdminService>();

    public static string DisplayName(DelegatedAdminService service) => service switch
    {
        DelegatedAdminService.AzureActiveDirectory => "Azure Active Directory",
        DelegatedAdminService.Office365 => "Office 365",
        _ => service.ToString(),
    };
}
