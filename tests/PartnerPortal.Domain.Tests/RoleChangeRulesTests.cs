using PartnerPortal.Domain.Access;

namespace PartnerPortal.Domain.Tests;

public class RoleChangeRulesTests
{
    private static readonly string[] UserManager = [PartnerRole.UserManagementAdmin];
    private static readonly string[] GlobalAdmin = [PartnerRole.GlobalAdmin];

    [Fact]
    public void A_user_management_admin_cannot_grant_the_global_admin_role() =>
        Assert.False(RoleChangeRules.Check(UserManager, false, [PartnerRole.SalesAgent], [PartnerRole.GlobalAdmin]).Succeeded);

    [Fact]
    public void A_user_management_admin_cannot_remove_the_global_admin_role() =>
        Assert.False(RoleChangeRules.Check(UserManager, false, [PartnerRole.GlobalAdmin], [PartnerRole.SalesAgent]).Succeeded);

    [Fact]
    public void A_user_management_admin_manages_the_other_roles() =>
        Assert.True(RoleChangeRules.Check(UserManager, false, [PartnerRole.SalesAgent], [PartnerRole.AdminAgent, PartnerRole.SalesAgent]).Succeeded);

    [Fact]
    public void A_global_admin_grants_the_global_admin_role() =>
        Assert.True(RoleChangeRules.Check(GlobalAdmin, false, [PartnerRole.SalesAgent], [PartnerRole.GlobalAdmin]).Succeeded);

    [Fact]
    public void Nobody_changes_their_own_roles() =>
        Assert.False(RoleChangeRules.Check(GlobalAdmin, true, [PartnerRole.GlobalAdmin], [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent]).Succeeded);

    [Fact]
    public void Unknown_or_no_roles_are_refused()
    {
        Assert.False(RoleChangeRules.Check(GlobalAdmin, false, [PartnerRole.SalesAgent], []).Succeeded);
        Assert.False(RoleChangeRules.Check(GlobalAdmin, false, [PartnerRole.SalesAgent], ["CustomerAdmin"]).Succeeded);
    }
}
