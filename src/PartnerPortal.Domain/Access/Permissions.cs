namespace PartnerPortal.Domain.Access;

/// <summary>What a signed-in user may do. Each becomes an authorization policy named "Can" + the value.</summary>
public enum Permission
{
    ManageUsers,
    ViewCustomers,
    RequestResellerRelationship,
    IncludeDelegatedAdmin,
    RemoveCustomerRelationship,
    ViewInvitations,
    ViewAuditLog,
    ManageIndirectResellers,
    RemovePartnership,
    AddCustomerForReseller,
    ManageSubscriptions,
    ManagePartnerRelationships,

    /// <summary>Link the organization's Microsoft Entra tenant and approve or decline its people's first sign-ins.</summary>
    ManageMicrosoftSignIn,

    /// <summary>Request, follow, extend and terminate granular delegated admin (GDAP) relationships and assign their roles to groups.</summary>
    ManageAdminRelationships,

    /// <summary>Create the partner's security groups and choose their members.</summary>
    ManageSecurityGroups,

    /// <summary>Register applications that call the portal's API, and revoke them.</summary>
    ManageApiApplications,

    /// <summary>Read the partner's access templates (editing them, and onboarding with them, is ManageAdminRelationships).</summary>
    ViewAccessTemplates,
}

/// <summary>
/// The role permission table. Sources: seed 000 and issue 3 (who may request a reseller relationship and who may
/// include delegated admin: a Sales agent can invite without delegated admin only), seed 004 "Appropriate roles"
/// (Global admin, User management admin, Admin agent, Sales agent for indirect-reseller work; Sales agents cannot
/// remove partnerships, issue 4).
/// </summary>
public static class RolePermissions
{
    private static readonly Dictionary<Permission, string[]> Table = new()
    {
        [Permission.ManageUsers] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin],
        [Permission.ViewCustomers] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent, PartnerRole.UserManagementAdmin],
        [Permission.RequestResellerRelationship] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent],
        [Permission.IncludeDelegatedAdmin] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent],
        [Permission.RemoveCustomerRelationship] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent],
        [Permission.ViewInvitations] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent],
        [Permission.ViewAuditLog] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent],
        [Permission.ManageIndirectResellers] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent],
        [Permission.RemovePartnership] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin, PartnerRole.AdminAgent],
        [Permission.AddCustomerForReseller] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent],
        [Permission.ManageSubscriptions] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent],
        [Permission.ManagePartnerRelationships] = [CustomerRole.CustomerAdmin],
        [Permission.ManageMicrosoftSignIn] = [PartnerRole.GlobalAdmin, CustomerRole.CustomerAdmin],

        // Issue 10: "An Admin agent creates an admin relationship request"; groups are people management.
        [Permission.ManageAdminRelationships] = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent],
        [Permission.ManageSecurityGroups] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin],

        // Issue 12: "A partner's Global admin registers an application in the portal".
        [Permission.ManageApiApplications] = [PartnerRole.GlobalAdmin],

        // Issue 19: "Global admins and Admin agents edit; others read".
        [Permission.ViewAccessTemplates] = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent],
    };

    public static IReadOnlyList<string> RolesFor(Permission permission) => Table[permission];

    public static bool Allows(IEnumerable<string> roles, Permission permission) =>
        roles.Any(r => Table[permission].Contains(r, StringComparer.Ordinal));

    public static string PolicyName(Permission permission) => "Can" + permission;

    public static IEnumerable<Permission> AllPermissions => Enum.GetValues<Permission>();
}
