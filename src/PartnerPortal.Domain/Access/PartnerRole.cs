namespace PartnerPortal.Domain.Access;

/// <summary>Role names as stored in ASP.NET Core Identity. Partner staff hold one or more; customers' admins hold <see cref="CustomerRole.CustomerAdmin"/>.</summary>
public static class PartnerRole
{
    public const string GlobalAdmin = "GlobalAdmin";
    public const string UserManagementAdmin = "UserManagementAdmin";
    public const string AdminAgent = "AdminAgent";
    public const string SalesAgent = "SalesAgent";
    public const string BillingAdmin = "BillingAdmin";

    public static IReadOnlyList<string> All { get; } = [GlobalAdmin, UserManagementAdmin, AdminAgent, SalesAgent, BillingAdmin];

    /// <summary>English display names, also the localization keys.</summary>
    public static string DisplayName(string role) => role switch
    {
        GlobalAdmin => "Global admin",
        UserManagementAdmin => "User management admin",
        AdminAgent => "Admin agent",
        SalesAgent => "Sales agent",
        BillingAdmin => "Billing admin",
        CustomerRole.CustomerAdmin => "Customer admin",
        _ => role,
    };
}

public static class CustomerRole
{
    public const string CustomerAdmin = "CustomerAdmin";
}
