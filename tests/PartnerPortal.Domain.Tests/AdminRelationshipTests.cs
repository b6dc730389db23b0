using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Domain.Tests;

/// <summary>Issue 10: the rules of granular delegated admin relationships.</summary>
public class AdminRelationshipTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid PartnerId = Guid.NewGuid();
    private static readonly Guid CustomerId = Guid.NewGuid();
    private static readonly Guid Readers = Role("Directory Readers");
    private static readonly Guid Helpdesk = Role("Helpdesk Administrator");
    private static readonly Guid GlobalAdmin = EntraRoles.GlobalAdministratorId;

    private static readonly Cloud[] OfferingClouds = [Cloud.Public, Cloud.UsGovernment, Cloud.China21Vianet];

    private static Guid Role(string name) => EntraRoles.All.Single(r => r.Name == name).Id;

    private static Common.Result<AdminRelationship> Request(int days = 90, Guid[]? roles = null, bool autoExtend = false, Cloud cloud = Cloud.Public, Guid? customerId = null) =>
        AdminRelationship.Request(PartnerId, "Contoso", cloud, "Helpdesk", days, roles ?? [Readers, Helpdesk], autoExtend, customerId, customerId is null ? null : "Adatum", Now);

    private static AdminRelationship Active(int days = 90, Guid[]? roles = null, bool autoExtend = false)
    {
        var relationship = Request(days, roles, autoExtend).Value;
        Assert.True(relationship.LockForApproval(Now).Succeeded);
        Assert.True(relationship.Approve(CustomerId, "Adatum", Cloud.Public, Now).Succeeded);
        return relationship;
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(730, true)]
    [InlineData(731, false)]
    [InlineData(-5, false)]
    public void Duration_is_from_1_to_730_days(int days, bool allowed)
    {
        var requested = Request(days);
        Assert.Equal(allowed, requested.Succeeded);
        if (!allowed)
        {
            Assert.Equal("The duration must be from {0} to {1} days.", requested.Error!.Message);
        }
    }

    [Fact]
    public void Roles_must_be_chosen_from_the_table_and_at_least_one()
    {
        Assert.Equal("Select at least one Microsoft Entra role.", Request(roles: []).Error!.Message);
        Assert.Equal("Select roles from the list.", Request(roles: [Readers, Guid.NewGuid()]).Error!.Message);
        Assert.Equal([Readers, Helpdesk], Request(roles: [Helpdesk, Readers, Helpdesk]).Value.Roles);
    }

    [Fact]
    public void Auto_extend_is_refused_with_Global_Administrator_when_asked_and_later()
    {
        Assert.Equal(Refusals.AdminRelationships.NoAutoExtendWithGlobalAdministrator.Message, Request(roles: [GlobalAdmin], autoExtend: true).Error!.Message);

        var relationship = Active(roles: [GlobalAdmin, Readers]);
        var turnedOn = relationship.SetAutoExtend(true, Now);
        Assert.False(turnedOn.Succeeded);
        Assert.False(relationship.AutoExtend);

        var withoutGlobalAdmin = Active();
        Assert.True(withoutGlobalAdmin.SetAutoExtend(true, Now).Succeeded);
        Assert.True(withoutGlobalAdmin.AutoExtend);
    }

    [Fact]
    public void Germany_does_not_offer_GDAP_and_the_other_clouds_do()
    {
        Assert.False(Request(cloud: Cloud.Germany).Succeeded);
        Assert.All(OfferingClouds, cloud => Assert.True(Request(cloud: cloud).Succeeded));
        Assert.All(CloudPolicies.All.Where(p => p.GdapOffered), p => Assert.False(string.IsNullOrWhiteSpace(p.GdapAdminCenterName)));
    }

    [Fact]
    public void Lifecycle_runs_created_pending_active_expiring_expired()
    {
        var relationship = Request(days: 60).Value;
        Assert.Equal(AdminRelationshipPhase.Created, relationship.PhaseAt(Now));
        Assert.False(relationship.Approve(CustomerId, "Adatum", Cloud.Public, Now).Succeeded);

        relationship.LockForApproval(Now);
        Assert.Equal(AdminRelationshipPhase.ApprovalPending, relationship.PhaseAt(Now));
        Assert.True(relationship.Approve(CustomerId, "Adatum", Cloud.Public, Now).Succeeded);
        Assert.Equal(Now.AddDays(60), relationship.EndsAt);
        Assert.Equal(AdminRelationshipPhase.Active, relationship.PhaseAt(Now.AddDays(29)));
        Assert.Equal(AdminRelationshipPhase.Expiring, relationship.PhaseAt(Now.AddDays(31)));
        Assert.Equal(AdminRelationshipPhase.Expired, relationship.PhaseAt(Now.AddDays(60)));

        Assert.Null(relationship.Advance(Now.AddDays(59)));
        Assert.Equal(AdminRelationshipStatus.Expired, relationship.Advance(Now.AddDays(61)));
        Assert.Equal(AdminRelationshipStatus.Expired, relationship.Status);
    }

    [Fact]
    public void Auto_extend_rolls_an_active_relationship_forward_by_180_days()
    {
        var relationship = Active(days: 10, autoExtend: true);
        Assert.Equal(AdminRelationshipPhase.Expiring, relationship.PhaseAt(Now.AddDays(5)));

        // Past its first end it is not expired: it runs on to the next end, 180 days later.
        Assert.Equal(AdminRelationshipPhase.Active, relationship.PhaseAt(Now.AddDays(11)));
        Assert.Equal(Now.AddDays(190), relationship.EndsAtAsOf(Now.AddDays(11)));

        Assert.Equal(AdminRelationshipStatus.Active, relationship.Advance(Now.AddDays(200)));
        Assert.Equal(Now.AddDays(370), relationship.EndsAt);
        Assert.Equal(AdminRelationshipStatus.Active, relationship.Status);
    }

    [Fact]
    public void An_ended_relationship_cannot_be_brought_back()
    {
        var expired = Active(days: 5);
        expired.Advance(Now.AddDays(6));
        var terminated = Active();
        Assert.True(terminated.Terminate(RelationshipSide.Customer, Now).Succeeded);
        Assert.Equal(AdminRelationshipEnd.TerminatedByCustomer, terminated.EndReason);

        foreach (var ended in new[] { expired, terminated })
        {
            Assert.Equal(Refusals.AdminRelationships.NoRevival.Message, ended.Terminate(RelationshipSide.Partner, Now.AddDays(7)).Error!.Message);
            Assert.Equal(Refusals.AdminRelationships.NoRevival.Message, ended.SetAutoExtend(true, Now.AddDays(7)).Error!.Message);
            Assert.False(ended.Approve(CustomerId, "Adatum", Cloud.Public, Now.AddDays(7)).Succeeded);
            Assert.False(ended.LockForApproval(Now.AddDays(7)).Succeeded);
            Assert.False(ended.Assign(Guid.NewGuid(), [Readers], Now.AddDays(7)).Succeeded);
            Assert.False(ended.IsInForceAt(Now.AddDays(7)));
        }
    }

    [Fact]
    public void Each_side_terminates_an_active_relationship_and_only_the_partner_withdraws_a_request()
    {
        var byPartner = Active();
        Assert.True(byPartner.Terminate(RelationshipSide.Partner, Now).Succeeded);
        Assert.Equal(AdminRelationshipEnd.TerminatedByPartner, byPartner.EndReason);

        var pending = Request().Value;
        pending.LockForApproval(Now);
        Assert.False(pending.Terminate(RelationshipSide.Customer, Now).Succeeded);
        Assert.True(pending.Terminate(RelationshipSide.Partner, Now).Succeeded);
        Assert.Equal(AdminRelationshipEnd.WithdrawnByPartner, pending.EndReason);
    }

    [Fact]
    public void Approval_is_for_the_customer_asked_and_in_the_partner_cloud()
    {
        var forAdatum = Request(customerId: CustomerId).Value;
        forAdatum.LockForApproval(Now);
        Assert.Equal("This admin relationship request was made for another organization.", forAdatum.Approve(Guid.NewGuid(), "Other", Cloud.Public, Now).Error!.Message);
        Assert.False(forAdatum.Approve(CustomerId, "Adatum", Cloud.UsGovernment, Now).Succeeded);
        Assert.True(forAdatum.Reject(CustomerId, "Adatum", Cloud.Public, Now).Succeeded);
        Assert.Equal(AdminRelationshipEnd.RejectedByCustomer, forAdatum.EndReason);
        Assert.False(forAdatum.Approve(CustomerId, "Adatum", Cloud.Public, Now).Succeeded);
    }

    [Fact]
    public void An_assignment_gets_a_subset_of_the_approved_roles_once_per_group()
    {
        var relationship = Active(roles: [Readers, Helpdesk]);
        var group = Guid.NewGuid();
        Assert.Equal("A security group can only get roles that the customer approved in this relationship.", relationship.Assign(group, [Readers, GlobalAdmin], Now).Error!.Message);
        Assert.False(relationship.Assign(group, [], Now).Succeeded);

        var assigned = relationship.Assign(group, [Readers], Now);
        Assert.True(assigned.Succeeded);
        Assert.False(relationship.Assign(group, [Helpdesk], Now).Succeeded);
        Assert.False(relationship.ChangeAssignment(assigned.Value.Id, [GlobalAdmin], Now).Succeeded);
        Assert.True(relationship.ChangeAssignment(assigned.Value.Id, [Readers, Helpdesk], Now).Succeeded);
        Assert.Equal([Readers, Helpdesk], assigned.Value.Roles);

        relationship.Terminate(RelationshipSide.Partner, Now);
        Assert.False(assigned.Value.IsActive);
    }

    [Fact]
    public void Reminders_are_due_30_7_and_1_days_before_an_end_without_auto_extend_once_each()
    {
        var relationship = Active(days: 60);
        var end = relationship.EndsAt!.Value;
        Assert.Null(relationship.ReminderDue(end.AddDays(-31), []));
        Assert.Equal("30:30", Flat(relationship.ReminderDue(end.AddDays(-30), [])));
        Assert.Null(relationship.ReminderDue(end.AddDays(-20), [30]));
        Assert.Equal("7:7", Flat(relationship.ReminderDue(end.AddDays(-7), [30])));
        Assert.Equal("1:1", Flat(relationship.ReminderDue(end.AddHours(-2), [30, 7])));
        Assert.Null(relationship.ReminderDue(end.AddHours(-1), [30, 7, 1]));
        Assert.Null(relationship.ReminderDue(end.AddHours(1), []));

        // A job that was down across two thresholds sends one email, the nearest, covering both.
        Assert.Equal("7:30,7", Flat(relationship.ReminderDue(end.AddDays(-6), [])));

        var extending = Active(days: 60, autoExtend: true);
        Assert.Null(extending.ReminderDue(extending.EndsAt!.Value.AddDays(-1), []));
    }

    private static string? Flat((int DaysBefore, IReadOnlyList<int> Covers)? due) => due is { } d ? $"{d.DaysBefore}:{string.Join(",", d.Covers)}" : null;

    [Fact]
    public void Roles_on_a_customer_come_from_assigned_groups_and_from_delegated_admin_for_admin_agents()
    {
        Assert.Empty(CustomerAdminAccess.RolesOf([PartnerRole.SalesAgent], [DelegatedAdminService.AzureActiveDirectory], []));
        Assert.Contains(GlobalAdmin, CustomerAdminAccess.RolesOf([PartnerRole.AdminAgent], [DelegatedAdminService.AzureActiveDirectory], []));
        Assert.DoesNotContain(GlobalAdmin, CustomerAdminAccess.RolesOf([PartnerRole.AdminAgent], [DelegatedAdminService.Office365], []));
        Assert.Equal(new HashSet<Guid> { Readers }, CustomerAdminAccess.RolesOf([PartnerRole.SalesAgent], [], [Readers]));

        Assert.Contains(CustomerCapability.ViewUsers, EntraRoles.CapabilitiesOf([Readers]));
        Assert.DoesNotContain(CustomerCapability.RemoveRelationship, EntraRoles.CapabilitiesOf([Readers, Helpdesk]));
        Assert.Contains(CustomerCapability.RemoveRelationship, EntraRoles.CapabilitiesOf([GlobalAdmin]));
        Assert.Empty(EntraRoles.CapabilitiesOf([Role("Exchange Administrator")]));
    }

    [Fact]
    public void Role_table_ids_are_unique_and_descriptions_are_present()
    {
        Assert.Equal(EntraRoles.All.Count, EntraRoles.All.Select(r => r.Id).Distinct().Count());
        Assert.Equal(EntraRoles.All.Count, EntraRoles.All.Select(r => r.Name).Distinct().Count());
        Assert.All(EntraRoles.All, r => Assert.EndsWith(".", r.Description));
    }

    [Fact]
    public void The_database_expressions_put_a_relationship_in_the_phase_PhaseAt_names()
    {
        var pending = Request().Value;
        var locked = Request().Value;
        Assert.True(locked.LockForApproval(Now).Succeeded);
        var terminated = Active();
        Assert.True(terminated.Terminate(RelationshipSide.Partner, Now).Succeeded);
        var relationships = new[] { pending, locked, Active(days: 5), Active(days: 29), Active(days: 31), Active(days: 200), Active(days: 10, autoExtend: true), terminated };
        // Each relationship looked at from the day it was created to past its end, with and without auto-extend rolling it on.
        foreach (var daysLater in new[] { 0, 1, 4, 6, 20, 40, 190, 220 })
        {
            var at = Now.AddDays(daysLater);
            foreach (var relationship in relationships)
            {
                var phase = relationship.PhaseAt(at);
                var matched = Enum.GetValues<AdminRelationshipPhase>().Where(p => AdminRelationshipPhases.In(p, at).Compile()(relationship)).ToList();
                Assert.True(matched.SequenceEqual([phase]), $"{relationship.DisplayName} {daysLater} days on: PhaseAt says {phase}, the expressions say {string.Join(", ", matched)}.");
                Assert.Equal(relationship.IsInForceAt(at), AdminRelationshipPhases.InForce(at).Compile()(relationship));
            }
        }
    }

    [Fact]
    public void A_new_assignment_is_pending_and_grants_nothing_until_activated_while_in_force()
    {
        var relationship = Active();
        var assignment = relationship.Assign(Guid.NewGuid(), [Readers], Now).Value;
        Assert.Equal(AccessAssignmentState.Pending, assignment.State);
        Assert.False(assignment.GrantsAccess);
        Assert.True(relationship.ActivateAssignment(assignment.Id, Now.AddSeconds(1)));
        Assert.Equal(AccessAssignmentState.Active, assignment.State);
        Assert.True(assignment.GrantsAccess);
        Assert.False(relationship.ActivateAssignment(assignment.Id, Now.AddSeconds(2)));

        var ended = Active();
        var late = ended.Assign(Guid.NewGuid(), [Readers], Now).Value;
        Assert.True(ended.Terminate(RelationshipSide.Customer, Now.AddMinutes(1)).Succeeded);
        Assert.False(ended.ActivateAssignment(late.Id, Now.AddMinutes(2)));
        Assert.Equal(AccessAssignmentState.Deleted, late.State);
    }

    [Fact]
    public void Global_Administrator_comes_out_of_an_active_relationship_and_its_assignments_and_an_assignment_left_empty_ends()
    {
        var relationship = Active(roles: [Readers, GlobalAdmin]);
        var both = relationship.Assign(Guid.NewGuid(), [Readers, GlobalAdmin], Now).Value;
        var onlyGlobal = relationship.Assign(Guid.NewGuid(), [GlobalAdmin], Now).Value;
        var removal = AdminRelationshipOperation.RemoveGlobalAdministrator(relationship, "agent@contoso.example", Now).Value!;
        Assert.Equal([Readers], removal.Roles);
        Assert.True(removal.Apply(relationship, Now.AddSeconds(1)).Succeeded);
        Assert.Equal(AdminRelationshipOperationStatus.Succeeded, removal.Status);
        Assert.Equal([Readers], relationship.Roles);
        Assert.Equal([Readers], both.Roles);
        Assert.Equal(AccessAssignmentState.Deleted, onlyGlobal.State);

        // Nothing left to remove, or nothing but Global Administrator to keep, or not in force: refused with the reason.
        Assert.Equal(Refusals.AdminRelationships.NoGlobalAdministratorToRemove, AdminRelationshipOperation.RemoveGlobalAdministrator(relationship, "a", Now).Error!.Kind);
        Assert.Equal(Refusals.AdminRelationships.GlobalAdministratorIsTheOnlyRole, AdminRelationshipOperation.RemoveGlobalAdministrator(Active(roles: [GlobalAdmin]), "a", Now).Error!.Kind);
        var pending = Request(roles: [Readers, GlobalAdmin]).Value;
        Assert.Equal(Refusals.AdminRelationships.NotActive, AdminRelationshipOperation.RemoveGlobalAdministrator(pending, "a", Now).Error!.Kind);
    }

    [Fact]
    public void A_queued_role_change_is_checked_when_asked_and_again_when_applied_and_fails_with_its_reason()
    {
        var relationship = Active();
        var assignment = relationship.Assign(Guid.NewGuid(), [Readers], Now).Value;
        Assert.False(relationship.CheckAssignmentChange(assignment.Id, [Readers], Now).Value);
        Assert.Equal(Refusals.AdminRelationships.RolesNotInRelationship, AdminRelationshipOperation.ChangeAssignment(relationship, assignment.Id, [GlobalAdmin], "a", Now).Error!.Kind);

        var change = AdminRelationshipOperation.ChangeAssignment(relationship, assignment.Id, [Helpdesk, Readers], "agent@contoso.example", Now).Value!;
        Assert.Equal(AdminRelationshipOperationStatus.NotStarted, change.Status);
        Assert.Equal([Readers], assignment.Roles);
        Assert.True(relationship.RemoveAssignment(assignment.Id, Now.AddSeconds(1)).Succeeded);
        Assert.False(change.Apply(relationship, Now.AddSeconds(2)).Succeeded);
        Assert.Equal(AdminRelationshipOperationStatus.Failed, change.Status);
        Assert.Equal("accessAssignmentDeleted", change.FailureCode);
        Assert.Equal([Readers], assignment.Roles);
    }
}
