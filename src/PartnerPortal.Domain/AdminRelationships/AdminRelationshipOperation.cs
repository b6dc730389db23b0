using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>Graph's <c>delegatedAdminRelationshipOperationType</c>.</summary>
public enum AdminRelationshipOperationType
{
    /// <summary>New roles for an access assignment.</summary>
    AccessAssignmentUpdate,

    /// <summary>The Global Administrator role taken out of an active relationship (an evolvable member in Graph).</summary>
    RelationshipUpdate,
}

/// <summary>Graph's <c>longRunningOperationStatus</c>.</summary>
public enum AdminRelationshipOperationStatus
{
    NotStarted,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// A change to an active relationship that the access job applies after the request has been answered (Graph's
/// <c>delegatedAdminRelationshipOperation</c>, followed through <c>Location</c>): new roles for an access assignment, or the
/// Global Administrator role taken out of the relationship. The request checks the change before queuing it; the job checks
/// again when it applies it, and records why when it cannot. One unfinished operation per target (an assignment, or the
/// relationship), which the database holds with a partial unique index.
/// </summary>
public class AdminRelationshipOperation
{
    private AdminRelationshipOperation()
    {
        Roles = [];
        RequestedBy = null!;
    }

    private AdminRelationshipOperation(AdminRelationship relationship, AdminRelationshipOperationType type, Guid? assignmentId, Guid[] roles, string requestedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        RelationshipId = relationship.Id;
        PartnerId = relationship.PartnerId;
        Type = type;
        AssignmentId = assignmentId;
        Target = assignmentId ?? relationship.Id;
        Roles = roles;
        RequestedBy = requestedBy;
        Status = AdminRelationshipOperationStatus.NotStarted;
        CreatedAt = at;
        LastModifiedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid RelationshipId { get; private set; }
    public Guid PartnerId { get; private set; }
    public AdminRelationshipOperationType Type { get; private set; }

    /// <summary>The assignment an <see cref="AdminRelationshipOperationType.AccessAssignmentUpdate"/> changes.</summary>
    public Guid? AssignmentId { get; private set; }

    /// <summary>What it changes (the assignment, or the relationship): one unfinished operation per target.</summary>
    public Guid Target { get; private set; }

    /// <summary>The roles the assignment gets; for a relationship update, the relationship's roles after it.</summary>
    public Guid[] Roles { get; private set; }

    /// <summary>Who asked, named in the audit entry the job writes.</summary>
    public string RequestedBy { get; private set; }
    public AdminRelationshipOperationStatus Status { get; private set; }

    /// <summary>Why it failed: the refusal's stable code, and its message (the resource key the pages translate).</summary>
    public string? FailureCode { get; private set; }
    public string? FailureMessage { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastModifiedAt { get; private set; }

    public bool IsFinished => Status is AdminRelationshipOperationStatus.Succeeded or AdminRelationshipOperationStatus.Failed;

    /// <summary>
    /// New roles for an assignment, checked now against the relationship as it is; null when they are the roles it already has
    /// (nothing to queue).
    /// </summary>
    public static Result<AdminRelationshipOperation?> ChangeAssignment(AdminRelationship relationship, Guid assignmentId, IReadOnlyCollection<Guid> roles, string requestedBy, DateTimeOffset at)
    {
        var check = relationship.CheckAssignmentChange(assignmentId, roles, at);
        if (!check.Succeeded)
        {
            return Result<AdminRelationshipOperation?>.Fail(check.Error!);
        }

        if (!check.Value)
        {
            return Result<AdminRelationshipOperation?>.Ok(null);
        }

        var ordered = EntraRoles.InOrder(roles.Distinct()).Select(r => r.Id).ToArray();
        return Result<AdminRelationshipOperation?>.Ok(new AdminRelationshipOperation(relationship, AdminRelationshipOperationType.AccessAssignmentUpdate, assignmentId, ordered, requestedBy, at));
    }

    /// <summary>Global Administrator out of an active relationship, checked now against the relationship as it is.</summary>
    public static Result<AdminRelationshipOperation?> RemoveGlobalAdministrator(AdminRelationship relationship, string requestedBy, DateTimeOffset at)
    {
        var check = relationship.CheckRemoveGlobalAdministrator(at);
        if (!check.Succeeded)
        {
            return Result<AdminRelationshipOperation?>.Fail(check.Error!);
        }

        var kept = relationship.Roles.Where(r => r != EntraRoles.GlobalAdministratorId).ToArray();
        return Result<AdminRelationshipOperation?>.Ok(new AdminRelationshipOperation(relationship, AdminRelationshipOperationType.RelationshipUpdate, null, kept, requestedBy, at));
    }

    /// <summary>The job's step: applies the change to the locked relationship, or records why it could not.</summary>
    public Result Apply(AdminRelationship relationship, DateTimeOffset at)
    {
        if (IsFinished)
        {
            return Result.Ok();
        }

        var applied = Type == AdminRelationshipOperationType.AccessAssignmentUpdate
            ? relationship.ChangeAssignment(AssignmentId!.Value, Roles, at)
            : relationship.RemoveGlobalAdministrator(at) is { Succeeded: false } refused ? Result.Fail(refused.Error!) : Result.Ok();
        (Status, FailureCode, FailureMessage) = applied.Succeeded
            ? (AdminRelationshipOperationStatus.Succeeded, null, null)
            : (AdminRelationshipOperationStatus.Failed, applied.Error!.Code, applied.Error.Message);
        LastModifiedAt = at;
        return applied;
    }
}
