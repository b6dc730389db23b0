using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>The stored lifecycle of an admin relationship. "Expiring" is not stored: it is an active one near its end.</summary>
public enum AdminRelationshipStatus
{
    /// <summary>Written but not yet offered to a customer (the automation API can still change it).</summary>
    Created,
    ApprovalPending,
    Active,
    Expired,
    Terminated,
}

/// <summary>What the people looking at a relationship see now, <see cref="Expiring"/> included.</summary>
public enum AdminRelationshipPhase
{
    Created,
    ApprovalPending,
    Active,
    Expiring,
    Expired,
    Terminated,
}

/// <summary>Why a relationship ended before or instead of its end date.</summary>
public enum AdminRelationshipEnd
{
    TerminatedByPartner,
    TerminatedByCustomer,

    /// <summary>The customer rejected the request.</summary>
    RejectedByCustomer,

    /// <summary>The partner withdrew a request the customer had not answered.</summary>
    WithdrawnByPartner,
}

public enum RelationshipSide
{
    Partner,
    Customer,
}

/// <summary>The numbers of granular delegated admin, from Partner Center's documentation.</summary>
public static class AdminRelationshipRules
{
    public const int MinDurationDays = 1;
    public const int MaxDurationDays = 730;
    public const int AutoExtendDays = 180;

    /// <summary>An active relationship ending within this many days is "expiring".</summary>
    public const int ExpiringWithinDays = 30;
    public const int MaxNameLength = 50;

    /// <summary>Reminder emails go this many days before an end without auto-extend, nearest last.</summary>
    public static IReadOnlyList<int> ReminderDays { get; } = [30, 7, 1];

    /// <summary>
    /// The terms every request (and every access template) must keep: the duration, roles from the Entra role table, and no
    /// auto-extend with Global Administrator. Null when they hold.
    /// </summary>
    public static DomainError? CheckTerms(int durationDays, IReadOnlyCollection<Guid> roles, bool autoExtend)
    {
        if (durationDays is < MinDurationDays or > MaxDurationDays)
        {
            return Refusals.AdminRelationships.InvalidDuration.With(MinDurationDays, MaxDurationDays);
        }

        if (roles.Count == 0)
        {
            return Refusals.AdminRelationships.RolesRequired;
        }

        if (roles.Any(r => !EntraRoles.IsKnown(r)))
        {
            return Refusals.AdminRelationships.UnknownRoles;
        }

        if (autoExtend && roles.Contains(EntraRoles.GlobalAdministratorId))
        {
            return Refusals.AdminRelationships.NoAutoExtendWithGlobalAdministrator;
        }

        return null;
    }
}

/// <summary>
/// A granular delegated admin (GDAP) relationship: a partner asks a customer for specific Microsoft Entra roles for a set time;
/// the customer approves exactly that; the partner then gives those roles (or fewer) to groups of its own staff. It is
/// independent of the reseller relationship. An expired or terminated relationship never comes back: a new request is needed.
/// </summary>
public class AdminRelationship
{
    private readonly List<AccessAssignment> _assignments = [];

    private AdminRelationship()
    {
        DisplayName = null!;
        Code = null!;
        Roles = [];
        PartnerName = null!;
    }

    private AdminRelationship(Guid partnerId, string partnerName, Cloud cloud, string displayName, int durationDays, Guid[] roles, bool autoExtend, Guid? customerId, string? customerName, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Code = LinkCode.New();
        PartnerId = partnerId;
        PartnerName = partnerName;
        Cloud = cloud;
        DisplayName = displayName;
        DurationDays = durationDays;
        Roles = roles;
        AutoExtend = autoExtend;
        CustomerId = customerId;
        CustomerName = customerName;
        Status = AdminRelationshipStatus.Created;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    /// <summary>The customer's link: URL-safe, 128 random bits, so an altered link matches nothing.</summary>
    public string Code { get; private set; }
    public Guid PartnerId { get; private set; }

    /// <summary>The partner's name when it asked, shown to the customer (partner names do not change).</summary>
    public string PartnerName { get; private set; }
    public Cloud Cloud { get; private set; }
    public string DisplayName { get; private set; }
    public int DurationDays { get; private set; }

    /// <summary>Entra role template ids (<see cref="EntraRoles"/>).</summary>
    public Guid[] Roles { get; private set; }
    public bool AutoExtend { get; private set; }

    /// <summary>The customer it was asked of, or, for a link to a customer not yet known, the one that approved it.</summary>
    public Guid? CustomerId { get; private set; }
    public string? CustomerName { get; private set; }
    public AdminRelationshipStatus Status { get; private set; }
    public AdminRelationshipEnd? EndReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LockedForApprovalAt { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }

    /// <summary>When an active relationship ends (moved forward by each auto-extension); when an expired one ended.</summary>
    public DateTimeOffset? EndsAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: two people deciding at once cannot both win.</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<AccessAssignment> Assignments => _assignments;

    public bool IncludesGlobalAdministrator => Roles.Contains(EntraRoles.GlobalAdministratorId);

    public static Result<AdminRelationship> Request(
        Guid partnerId, string partnerName, Cloud cloud, string? displayName, int durationDays, IEnumerable<Guid> roles, bool autoExtend, Guid? customerId, string? customerName, DateTimeOffset at)
    {
        if (!CloudPolicies.For(cloud).GdapOffered)
        {
            return Result<AdminRelationship>.Fail(Refusals.AdminRelationships.NotOfferedInCloud, CloudPolicies.For(cloud).DisplayName);
        }

        var name = displayName?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return Result<AdminRelationship>.Fail(Refusals.AdminRelationships.NameRequired);
        }

        if (name.Length > AdminRelationshipRules.MaxNameLength || name.Any(char.IsControl))
        {
            return Result<AdminRelationship>.Fail(Refusals.Names.TooLong, AdminRelationshipRules.MaxNameLength);
        }

        var roleIds = roles.Distinct().ToArray();
        if (AdminRelationshipRules.CheckTerms(durationDays, roleIds, autoExtend) is { } refused)
        {
            return Result<AdminRelationship>.Fail(refused);
        }

        var ordered = EntraRoles.InOrder(roleIds).Select(r => r.Id).ToArray();
        return Result<AdminRelationship>.Ok(new AdminRelationship(partnerId, partnerName, cloud, name, durationDays, ordered, autoExtend, customerId, customerName, at));
    }


    /// <summary>
    /// Changes what is asked, only while the relationship is "created" (not yet offered to a customer), under the same rules
    /// as a new request (the automation API's update).
    /// </summary>
    public Result Update(string? displayName, int durationDays, IEnumerable<Guid> roles, bool autoExtend, Guid? customerId, string? customerName, DateTimeOffset at)
    {
        if (Status != AdminRelationshipStatus.Created)
        {
            return Result.Fail(Refusals.AdminRelationships.OnlyWhileCreated);
        }

        var checkedValues = Request(PartnerId, PartnerName, Cloud, displayName, durationDays, roles, autoExtend, customerId, customerName, at);
        if (!checkedValues.Succeeded)
        {
            return Result.Fail(checkedValues.Error!);
        }

        var values = checkedValues.Value;
        (DisplayName, DurationDays, Roles, AutoExtend, CustomerId, CustomerName) =
            (values.DisplayName, values.DurationDays, values.Roles, values.AutoExtend, values.CustomerId, values.CustomerName);
        return Result.Ok();
    }


    /// <summary>A relationship never offered to a customer can be deleted outright (the automation API's delete).</summary>
    public bool CanBeDeleted => Status == AdminRelationshipStatus.Created;

    /// <summary>Offers the request to the customer: from now on only the customer's answer or the partner's withdrawal changes it.</summary>
    public Result LockForApproval(DateTimeOffset at)
    {
        if (Status == AdminRelationshipStatus.ApprovalPending)
        {
            return Result.Ok();
        }

        if (Status != AdminRelationshipStatus.Created)
        {
            return Result.Fail(Refusals.AdminRelationships.OnlyCreatedSentForApproval);
        }

        Status = AdminRelationshipStatus.ApprovalPending;
        LockedForApprovalAt = at;
        return Result.Ok();
    }

    /// <summary>The customer's admin approves exactly what was asked; the relationship runs from now for its duration.</summary>
    public Result Approve(Guid customerId, string customerName, Cloud customerCloud, DateTimeOffset at)
    {
        if (CheckAnswerable(customerId, customerCloud) is { } refused)
        {
            return refused;
        }

        CustomerId = customerId;
        CustomerName = customerName;
        Status = AdminRelationshipStatus.Active;
        ActivatedAt = at;
        EndsAt = at.AddDays(DurationDays);
        return Result.Ok();
    }

    public Result Reject(Guid customerId, string customerName, Cloud customerCloud, DateTimeOffset at)
    {
        if (CheckAnswerable(customerId, customerCloud) is { } refused)
        {
            return refused;
        }

        CustomerId = customerId;
        CustomerName = customerName;
        End(AdminRelationshipEnd.RejectedByCustomer, at);
        return Result.Ok();
    }

    private Result? CheckAnswerable(Guid customerId, Cloud customerCloud)
    {
        if (Status != AdminRelationshipStatus.ApprovalPending)
        {
            return Result.Fail(Status is AdminRelationshipStatus.Active
                ? Refusals.AdminRelationships.AlreadyApproved
                : Refusals.AdminRelationships.NoLongerPending);
        }

        if (CustomerId is { } asked && asked != customerId)
        {
            return Result.Fail(Refusals.AdminRelationships.OtherOrganization);
        }

        return customerCloud != Cloud
            ? Result.Fail(Refusals.AdminRelationships.OtherCloud, CloudPolicies.For(Cloud).DisplayName, CloudPolicies.For(customerCloud).DisplayName)
            : null;
    }

    /// <summary>
    /// Either side ends an active (or expiring) relationship; the partner may also withdraw a request not yet answered. Every
    /// access assignment ends with it.
    /// </summary>
    public Result Terminate(RelationshipSide side, DateTimeOffset at)
    {
        var phase = PhaseAt(at);
        if (phase is AdminRelationshipPhase.Active or AdminRelationshipPhase.Expiring)
        {
            End(side == RelationshipSide.Partner ? AdminRelationshipEnd.TerminatedByPartner : AdminRelationshipEnd.TerminatedByCustomer, at);
            return Result.Ok();
        }

        if (side == RelationshipSide.Partner && phase is AdminRelationshipPhase.Created or AdminRelationshipPhase.ApprovalPending)
        {
            End(AdminRelationshipEnd.WithdrawnByPartner, at);
            return Result.Ok();
        }

        return Result.Fail(Refusals.AdminRelationships.NoRevival);
    }


    private void End(AdminRelationshipEnd reason, DateTimeOffset at)
    {
        Status = AdminRelationshipStatus.Terminated;
        EndReason = reason;
        EndedAt = at;
        foreach (var assignment in _assignments.Where(a => a.IsActive))
        {
            assignment.Remove(at);
        }
    }

    /// <summary>Turns auto-extend on or off; never on with Global Administrator, never on an ended relationship.</summary>
    public Result SetAutoExtend(bool on, DateTimeOffset at)
    {
        if (PhaseAt(at) is AdminRelationshipPhase.Expired or AdminRelationshipPhase.Terminated)
        {
            return Result.Fail(Refusals.AdminRelationships.NoRevival);
        }

        if (on && IncludesGlobalAdministrator)
        {
            return Result.Fail(Refusals.AdminRelationships.NoAutoExtendWithGlobalAdministrator);
        }

        AutoExtend = on;
        return Result.Ok();
    }

    /// <summary>
    /// The end date as of <paramref name="now"/>: an auto-extending relationship rolls forward by 180 days each time it reaches
    /// its end (the background job stores it; until then the pages work it out the same way).
    /// </summary>
    public DateTimeOffset? EndsAtAsOf(DateTimeOffset now)
    {
        if (Status != AdminRelationshipStatus.Active || EndsAt is not { } end || !AutoExtend)
        {
            return EndsAt;
        }

        while (end <= now)
        {
            end = end.AddDays(AdminRelationshipRules.AutoExtendDays);
        }

        return end;
    }

    public AdminRelationshipPhase PhaseAt(DateTimeOffset now)
    {
        switch (Status)
        {
            case AdminRelationshipStatus.Created:
                return AdminRelationshipPhase.Created;
            case AdminRelationshipStatus.ApprovalPending:
                return AdminRelationshipPhase.ApprovalPending;
            case AdminRelationshipStatus.Terminated:
                return AdminRelationshipPhase.Terminated;
            case AdminRelationshipStatus.Expired:
                return AdminRelationshipPhase.Expired;
        }

        if (EndsAtAsOf(now) is not { } end || end <= now)
        {
            return AdminRelationshipPhase.Expired;
        }

        return end - now <= TimeSpan.FromDays(AdminRelationshipRules.ExpiringWithinDays) ? AdminRelationshipPhase.Expiring : AdminRelationshipPhase.Active;
    }

    public bool IsInForceAt(DateTimeOffset now) => PhaseAt(now) is AdminRelationshipPhase.Active or AdminRelationshipPhase.Expiring;

    /// <summary>
    /// What the background job stores when the end date passes: the next end date (auto-extend) or the expiry. Returns the
    /// change made, or null when nothing was due.
    /// </summary>
    public AdminRelationshipStatus? Advance(DateTimeOffset now)
    {
        if (Status != AdminRelationshipStatus.Active || EndsAt is not { } end || end > now)
        {
            return null;
        }

        if (AutoExtend)
        {
            EndsAt = EndsAtAsOf(now);
            return AdminRelationshipStatus.Active;
        }

        Status = AdminRelationshipStatus.Expired;
        EndedAt = end;
        foreach (var assignment in _assignments.Where(a => a.IsActive))
        {
            assignment.Remove(end);
        }

        return AdminRelationshipStatus.Expired;
    }

    /// <summary>
    /// Which reminder is due now for an end without auto-extend, given the reminders already sent for this end date: the
    /// nearest threshold passed and not sent (one email, even when the job was down across several thresholds), and every
    /// threshold it covers. Null when none is due.
    /// </summary>
    public (int DaysBefore, IReadOnlyList<int> Covers)? ReminderDue(DateTimeOffset now, IReadOnlyCollection<int> alreadySent)
    {
        if (Status != AdminRelationshipStatus.Active || AutoExtend || EndsAt is not { } end || end <= now)
        {
            return null;
        }

        var passed = AdminRelationshipRules.ReminderDays.Where(d => now >= end.AddDays(-d)).ToList();
        var unsent = passed.Where(d => !alreadySent.Contains(d)).ToList();
        if (unsent.Count == 0)
        {
            return null;
        }

        return (passed.Min(), unsent);
    }

    /// <summary>Gives a group of the partner's staff some of the relationship's roles on the customer.</summary>
    public Result<AccessAssignment> Assign(Guid groupId, IEnumerable<Guid> roles, DateTimeOffset at)
    {
        if (!IsInForceAt(at))
        {
            return Result<AccessAssignment>.Fail(Refusals.AdminRelationships.NotActive);
        }

        if (CheckSubset(roles) is { } refused)
        {
            return Result<AccessAssignment>.Fail(refused.Error!);
        }

        if (_assignments.Any(a => a.IsActive && a.GroupId == groupId))
        {
            return Result<AccessAssignment>.Fail(Refusals.AdminRelationships.AlreadyAssigned);
        }

        var assignment = new AccessAssignment(Id, groupId, EntraRoles.InOrder(roles).Select(r => r.Id).ToArray(), at);
        _assignments.Add(assignment);
        return Result<AccessAssignment>.Ok(assignment);
    }

    public Result ChangeAssignment(Guid assignmentId, IEnumerable<Guid> roles, DateTimeOffset at)
    {
        var wanted = roles.Distinct().ToList();
        var check = CheckAssignmentChange(assignmentId, wanted, at);
        if (!check.Succeeded)
        {
            return Result.Fail(check.Error!);
        }

        _assignments.Single(a => a.Id == assignmentId).ChangeRoles(EntraRoles.InOrder(wanted).Select(r => r.Id).ToArray());
        return Result.Ok();
    }

    /// <summary>
    /// The access job's step for a pending assignment: its group gets the roles now. False when there is nothing to do (it was
    /// removed, or is already active).
    /// </summary>
    public bool ActivateAssignment(Guid assignmentId, DateTimeOffset at)
    {
        var assignment = _assignments.SingleOrDefault(a => a.Id == assignmentId && a.State == AccessAssignmentState.Pending);
        if (assignment is null || !IsInForceAt(at))
        {
            return false;
        }

        assignment.Activate(at);
        return true;
    }

    /// <summary>
    /// Whether an assignment's roles can be changed to <paramref name="roles"/> (the API checks before it queues the change; the
    /// access job checks again when it applies it). The value is false when the roles are the ones it already has.
    /// </summary>
    public Result<bool> CheckAssignmentChange(Guid assignmentId, IEnumerable<Guid> roles, DateTimeOffset at)
    {
        var assignment = _assignments.SingleOrDefault(a => a.Id == assignmentId && a.IsActive);
        if (assignment is null || !IsInForceAt(at))
        {
            return Result<bool>.Fail(assignment is null && _assignments.Any(a => a.Id == assignmentId)
                ? Refusals.AdminRelationships.AssignmentRemoved
                : Refusals.AdminRelationships.NotActive);
        }

        var wanted = roles.Distinct().ToList();
        if (CheckSubset(wanted) is { } refused)
        {
            return Result<bool>.Fail(refused.Error!);
        }

        return Result<bool>.Ok(!assignment.Roles.Order().SequenceEqual(wanted.Order()));
    }

    /// <summary>
    /// Whether the Global Administrator role can be taken out of this relationship (Graph allows it, and only it, on an active
    /// relationship): it must be in force, hold the role, and keep at least one other role.
    /// </summary>
    public Result CheckRemoveGlobalAdministrator(DateTimeOffset at)
    {
        if (!IsInForceAt(at))
        {
            return Result.Fail(Refusals.AdminRelationships.NotActive);
        }

        if (!IncludesGlobalAdministrator)
        {
            return Result.Fail(Refusals.AdminRelationships.NoGlobalAdministratorToRemove);
        }

        return Roles.Length == 1 ? Result.Fail(Refusals.AdminRelationships.GlobalAdministratorIsTheOnlyRole) : Result.Ok();
    }

    /// <summary>
    /// Takes Global Administrator out of the relationship and out of every assignment; an assignment left with no role ends. The
    /// value lists the assignments that ended.
    /// </summary>
    public Result<IReadOnlyList<AccessAssignment>> RemoveGlobalAdministrator(DateTimeOffset at)
    {
        if (CheckRemoveGlobalAdministrator(at) is { Succeeded: false } refused)
        {
            return Result<IReadOnlyList<AccessAssignment>>.Fail(refused.Error!);
        }

        Roles = Roles.Where(r => r != EntraRoles.GlobalAdministratorId).ToArray();
        var ended = new List<AccessAssignment>();
        foreach (var assignment in _assignments.Where(a => a.IsActive && a.Roles.Contains(EntraRoles.GlobalAdministratorId)))
        {
            var kept = assignment.Roles.Where(r => r != EntraRoles.GlobalAdministratorId).ToArray();
            if (kept.Length == 0)
            {
                assignment.Remove(at);
                ended.Add(assignment);
            }
            else
            {
                assignment.ChangeRoles(kept);
            }
        }

        return Result<IReadOnlyList<AccessAssignment>>.Ok(ended);
    }

    public Result RemoveAssignment(Guid assignmentId, DateTimeOffset at)
    {
        var assignment = _assignments.SingleOrDefault(a => a.Id == assignmentId && a.IsActive);
        if (assignment is null)
        {
            return Result.Fail(Refusals.AdminRelationships.AssignmentRemoved);
        }

        assignment.Remove(at);
        return Result.Ok();
    }

    private Result? CheckSubset(IEnumerable<Guid> roles)
    {
        var wanted = roles.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return Result.Fail(Refusals.AdminRelationships.RolesRequired);
        }

        return wanted.All(Roles.Contains)
            ? null
            : Result.Fail(Refusals.AdminRelationships.RolesNotInRelationship);
    }

    public static bool LooksLikeCode(string? code) => LinkCode.LooksLike(code);
}

/// <summary>A security group of the partner's staff holding some of a relationship's roles on its customer.</summary>
public class AccessAssignment
{
    private AccessAssignment()
    {
        Roles = [];
    }

    internal AccessAssignment(Guid relationshipId, Guid groupId, Guid[] roles, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        RelationshipId = relationshipId;
        GroupId = groupId;
        Roles = roles;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid RelationshipId { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid[] Roles { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the access job gave the group its roles; until then the assignment is pending and grants nothing.</summary>
    public DateTimeOffset? ActivatedAt { get; private set; }
    public DateTimeOffset? RemovedAt { get; private set; }

    /// <summary>Holds the group's place on the relationship (pending or active): a second assignment of the group is refused.</summary>
    public bool IsActive => RemovedAt is null;

    /// <summary>The group's members hold the roles now.</summary>
    public bool GrantsAccess => RemovedAt is null && ActivatedAt is not null;

    public AccessAssignmentState State =>
        RemovedAt is not null ? AccessAssignmentState.Deleted
        : ActivatedAt is null ? AccessAssignmentState.Pending
        : AccessAssignmentState.Active;

    internal void ChangeRoles(Guid[] roles) => Roles = roles;

    internal void Activate(DateTimeOffset at) => ActivatedAt ??= at;

    internal void Remove(DateTimeOffset at) => RemovedAt ??= at;
}

/// <summary>Graph's <c>delegatedAdminAccessAssignmentStatus</c> as the portal stores it: pending until the access job applies it.</summary>
public enum AccessAssignmentState
{
    Pending,
    Active,
    Deleted,
}
