using PartnerPortal.Domain.Access;

namespace PartnerPortal.Domain.Tests;

public class RolePermissionTests
{
    [Fact]
    public void Every_permission_has_roles() =>
        Assert.All(RolePermissions.AllPermissions, p => Assert.NotEmpty(RolePermissions.RolesFor(p)));

    [Theory]
    [InlineData(PartnerRole.GlobalAdmin, true)]
    [InlineData(PartnerRole.AdminAgent, true)]
    [InlineData(PartnerRole.SalesAgent, true)]
    [InlineData(PartnerRole.UserManagementAdmin, false)]
    [InlineData(PartnerRole.BillingAdmin, false)]
    public void Request_a_reseller_relationship_is_for_admin_agents_sales_agents_and_global_admins(string role, bool allowed) =>
        Assert.Equal(allowed, RolePermissions.Allows([role], Permission.RequestResellerRelationship));

    [Fact]
    public void Sales_agents_cannot_remove_partnerships_but_can_manage_subscriptions()
    {
        Assert.False(RolePermissions.Allows([PartnerRole.SalesAgent], Permission.RemovePartnership));
        Assert.True(RolePermissions.Allows([PartnerRole.SalesAgent], Permission.ManageSubscriptions));
    }

    [Fact]
    public void Seed_004_roles_may_work_with_indirect_resellers()
    {
        string[] seedRoles = [PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin, PartnerRole.AdminAgent, PartnerRole.SalesAgent];
        Assert.All(seedRoles, r => Assert.True(RolePermissions.Allows([r], Permission.ManageIndirectResellers)));
        Assert.False(RolePermissions.Allows([PartnerRole.BillingAdmin], Permission.ManageIndirectResellers));
    }

    [Fact]
    public void Users_are_managed_by_global_admins_and_user_management_admins_only() =>
        Assert.Equal([PartnerRole.GlobalAdmin, PartnerRole.UserManagementAdmin], RolePermissions.RolesFor(Permission.ManageUsers));

    [Fact]
    public void Policy_names_say_what_they_allow() =>
        Assert.Equal("CanRequestResellerRelationship", RolePermissions.PolicyName(Permission.RequestResellerRelationship));
}
