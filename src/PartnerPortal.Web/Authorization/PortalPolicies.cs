using PartnerPortal.Domain.Access;

namespace PartnerPortal.Web.Authorization;

/// <summary>
/// Policy names for <c>[Authorize(Policy = ...)]</c>, one per row of the role permission table (<see cref="RolePermissions"/>);
/// PortalSetup registers each as "requires one of the roles the table names".
/// </summary>
public static class PortalPolicies
{
    public const string ManageUsers = "Can" + nameof(Permission.ManageUsers);
    public const string ViewCustomers = "Can" + nameof(Permission.ViewCustomers);
    public const string RequestResellerRelationship = "Can" + nameof(Permission.RequestResellerRelationship);
    public const string RemoveCustomerRelationship = "Can" + nameof(Permission.RemoveCustomerRelationship);
    public const string ViewInvitations = "Can" + nameof(Permission.ViewInvitations);
    public const string ViewAuditLog = "Can" + nameof(Permission.ViewAuditLog);
    public const string ManageIndirectResellers = "Can" + nameof(Permission.ManageIndirectResellers);
    public const string RemovePartnership = "Can" + nameof(Permission.RemovePartnership);
    public const string AddCustomerForReseller = "Can" + nameof(Permission.AddCustomerForReseller);
    public const string ManageSubscriptions = "Can" + nameof(Permission.ManageSubscriptions);
    public const string ManagePartnerRelationships = "Can" + nameof(Permission.ManagePartnerRelationships);
    public const string ManageMicrosoftSignIn = "Can" + nameof(Permission.ManageMicrosoftSignIn);
    public const string ManageAdminRelationships = "Can" + nameof(Permission.ManageAdminRelationships);
    public const string ManageSecurityGroups = "Can" + nameof(Permission.ManageSecurityGroups);
    public const string ManageApiApplications = "Can" + nameof(Permission.ManageApiApplications);
    public const string ViewAccessTemplates = "Can" + nameof(Permission.ViewAccessTemplates);
}
