using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>
/// The changes to one locked relationship that a person's click, a bulk change and the onboarding pipeline all make the same way:
/// the domain transition, the request the customer's side acts on, and the audit entry. The caller locks and saves.
/// </summary>
public static class AdminRelationshipChanges
{
    /// <summary>Writes one audit entry for the change (a page names the signed-in user; a job the person who started it).</summary>
    public delegate void Record(string action, AdminRelationship relationship, object? before, object? after);

    /// <summary>Ends the relationship, or withdraws it while not yet approved; the value is the request recorded.</summary>
    public static Result<AdminRelationshipRequest> Terminate(PortalDbContext db, AdminRelationship relationship, DateTimeOffset now, Record record)
    {
        var pending = relationship.Status is AdminRelationshipStatus.Created or AdminRelationshipStatus.ApprovalPending;
        var ended = relationship.Terminate(RelationshipSide.Partner, now);
        if (!ended.Succeeded)
        {
            return Result<AdminRelationshipRequest>.Fail(ended.Error!);
        }

        var request = new AdminRelationshipRequest(relationship, AdminRelationshipRequestAction.Terminate, now);
        db.AdminRelationshipRequests.Add(request);
        record(pending ? "AdminRelationshipWithdrawn" : "AdminRelationshipTerminated", relationship, null, AdminRelationshipCommands.Describe(relationship));
        return Result<AdminRelationshipRequest>.Ok(request);
    }

    /// <summary>Turns auto-extend on or off; the value is false when it already was as asked (nothing changed, nothing audited).</summary>
    public static Result<bool> SetAutoExtend(AdminRelationship relationship, bool on, DateTimeOffset now, Record record)
    {
        if (relationship.AutoExtend == on)
        {
            return Result<bool>.Ok(false);
        }

        var set = relationship.SetAutoExtend(on, now);
        if (!set.Succeeded)
        {
            return Result<bool>.Fail(set.Error!);
        }

        record("AdminRelationshipAutoExtendChanged", relationship, new { AutoExtend = !on }, new { AutoExtend = on });
        return Result<bool>.Ok(true);
    }

    /// <summary>Gives one of the partner's security groups some of the relationship's roles (a click, Re-assign groups, the onboarding job).</summary>
    public static Result<AccessAssignment> Assign(AdminRelationship relationship, Guid groupId, string groupName, IReadOnlyCollection<Guid> roles, DateTimeOffset now, Record record)
    {
        var assigned = relationship.Assign(groupId, roles, now);
        if (assigned.Succeeded)
        {
            record("AccessAssigned", relationship, null, new { Group = groupName, Roles = AdminRelationshipCommands.RoleNames(assigned.Value.Roles) });
        }

        return assigned;
    }

    /// <summary>A <see cref="Record"/> into the request's audit trail.</summary>
    public static Record Into(AuditTrail audit) =>
        (action, relationship, before, after) => audit.Record(action, relationship.PartnerId, relationship.CustomerId, AdminRelationshipCommands.Subject(relationship), before, after);
}
