using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>
/// The partner's side of granular delegated admin (issue 10): request, auto-extend, terminate or withdraw, and access
/// assignments. Every command locks the relationship's row first, so two people (or a person and the background job) acting
/// at once leave it as one of them would; every change is audited in the same transaction.
/// </summary>
public sealed class AdminRelationshipCommands(PortalDbContext db, FormSubmissions forms, AuditTrail audit, TimeProvider clock)
{
    public const string RequestFormName = "RequestAdminRelationship";

    public sealed record RequestInput(string? Name, Guid? CustomerId, string? CustomerDomain, int DurationDays, IReadOnlyCollection<Guid> Roles, bool AutoExtend, Guid FormToken);

    /// <summary>Creates the request and locks it for approval: its link is ready to email. The value is the relationship's id.</summary>
    public async Task<CommandResult<Guid>> RequestAsync(ClaimsPrincipal user, RequestInput input, bool lockForApproval = true)
    {
        if (!user.Has(Permission.ManageAdminRelationships) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<Guid>.Forbidden;
        }

        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
        // Only a customer the partner already works with can be named (by id from its record, or by domain); any other id or
        // domain reads as a wrong choice. Without one, the link goes to a customer not yet known.
        Guid? customerId = null;
        string? customerName = null;
        var domain = input.CustomerDomain?.Trim().ToLowerInvariant();
        if (input.CustomerId is not null || !string.IsNullOrEmpty(domain))
        {
            var customer = await db.Customers.AsNoTracking()
                .Where(c => input.CustomerId != null ? c.Id == input.CustomerId : c.Domain == domain)
                .Select(c => new { c.Id, c.CompanyName }).SingleOrDefaultAsync();
            if (customer is null)
            {
                return CommandResult<Guid>.Refused(PortalRefusals.AdminRelationships.UnknownCustomerDomain);
            }

            (customerId, customerName) = (customer.Id, customer.CompanyName);
        }

        var now = clock.GetUtcNow();
        var requested = AdminRelationship.Request(partnerId, partner.DisplayName, partner.Cloud, input.Name, input.DurationDays, input.Roles, input.AutoExtend, customerId, customerName, now);
        if (!requested.Succeeded)
        {
            return CommandResult<Guid>.Refused(requested.Error!);
        }

        try
        {
            return await SaveRequestAsync(user, input, partnerId, requested.Value, lockForApproval, now);
        }
        catch (DbUpdateException e) when (AdminRelationshipNames.IsViolation(e))
        {
            // Another request took the name between the check and the save.
            return CommandResult<Guid>.Refused(Refusals.AdminRelationships.DuplicateName, requested.Value.DisplayName);
        }
    }

    private async Task<CommandResult<Guid>> SaveRequestAsync(ClaimsPrincipal user, RequestInput input, Guid partnerId, AdminRelationship relationship, bool lockForApproval, DateTimeOffset now)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(input.FormToken, RequestFormName, user.Identity!.Name!);
        if (!claim.IsFirst)
        {
            // The same form posted twice: the first post's request, not a second one.
            return claim.Earlier!.ResultId is { } earlier ? CommandResult<Guid>.Done(earlier) : CommandResult<Guid>.Refused(PortalRefusals.Forms.AlreadyUsed);
        }

        if (await AdminRelationshipNames.IsTakenAsync(db, partnerId, relationship.DisplayName))
        {
            return CommandResult<Guid>.Refused(Refusals.AdminRelationships.DuplicateName, relationship.DisplayName);
        }

        db.AdminRelationships.Add(relationship);
        if (lockForApproval)
        {
            relationship.LockForApproval(now);
            db.AdminRelationshipRequests.Add(new AdminRelationshipRequest(relationship, AdminRelationshipRequestAction.LockForApproval, now));
        }

        audit.Record("AdminRelationshipRequested", partnerId, relationship.CustomerId, relationship.DisplayName, null, Describe(relationship));
        claim.Claimed?.Complete(relationship.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<Guid>.Done(relationship.Id);
    }

    /// <summary>
    /// Offers a created relationship to its customer (the automation API's "lockForApproval"). The value is the request
    /// recorded (a relationship already pending records none and gives null).
    /// </summary>
    public async Task<CommandResult<AdminRelationshipRequest?>> LockForApprovalAsync(ClaimsPrincipal user, Guid id)
    {
        AdminRelationshipRequest? request = null;
        var result = await ChangeAsync(user, id, (relationship, now) =>
        {
            var pending = relationship.Status == AdminRelationshipStatus.ApprovalPending;
            var locked = relationship.LockForApproval(now);
            if (locked.Succeeded && !pending)
            {
                request = new AdminRelationshipRequest(relationship, AdminRelationshipRequestAction.LockForApproval, now);
                db.AdminRelationshipRequests.Add(request);
                audit.Record("AdminRelationshipLockedForApproval", relationship.PartnerId, relationship.CustomerId, Subject(relationship), null, Describe(relationship));
            }

            return locked;
        });
        return result.Succeeded ? CommandResult<AdminRelationshipRequest?>.Done(request) : result.As<AdminRelationshipRequest?>();
    }

    public sealed record Update(string? Name, int DurationDays, IReadOnlyCollection<Guid> Roles, bool AutoExtend, Guid? CustomerId);

    /// <summary>Changes a created relationship; <paramref name="expectedVersion"/> is the row version the caller saw (If-Match).</summary>
    public async Task<CommandResult<AdminRelationship>> UpdateAsync(ClaimsPrincipal user, Guid id, Update update, uint? expectedVersion)
    {
        string? customerName = null;
        if (update.CustomerId is { } customerId)
        {
            customerName = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => c.CompanyName).SingleOrDefaultAsync();
            if (customerName is null)
            {
                return CommandResult<AdminRelationship>.Refused(PortalRefusals.AdminRelationships.UnknownCustomerDomain);
            }
        }

        if (update.Name is { } name && user.PartnerId() is { } partnerId && await AdminRelationshipNames.IsTakenAsync(db, partnerId, name, except: id))
        {
            return CommandResult<AdminRelationship>.Refused(Refusals.AdminRelationships.DuplicateName, name.Trim());
        }

        try
        {
            return await ChangeUnderNameRuleAsync(user, id, update, customerName, expectedVersion);
        }
        catch (DbUpdateException e) when (AdminRelationshipNames.IsViolation(e))
        {
            return CommandResult<AdminRelationship>.Refused(Refusals.AdminRelationships.DuplicateName, update.Name?.Trim() ?? string.Empty);
        }
    }

    private async Task<CommandResult<AdminRelationship>> ChangeUnderNameRuleAsync(ClaimsPrincipal user, Guid id, Update update, string? customerName, uint? expectedVersion)
    {
        return await ChangeAsync(user, id, (relationship, now) =>
        {
            var before = Describe(relationship);
            var updated = relationship.Update(update.Name, update.DurationDays, update.Roles, update.AutoExtend, update.CustomerId, customerName, now);
            if (updated.Succeeded)
            {
                audit.Record("AdminRelationshipChanged", relationship.PartnerId, relationship.CustomerId, Subject(relationship), before, Describe(relationship));
            }

            return updated;
        }, expectedVersion);
    }

    /// <summary>Deletes a relationship never offered to a customer; the audit log keeps that it existed.</summary>
    public Task<CommandResult<AdminRelationship>> DeleteAsync(ClaimsPrincipal user, Guid id, uint? expectedVersion) =>
        ChangeAsync(user, id, (relationship, _) =>
        {
            if (!relationship.CanBeDeleted)
            {
                return Result.Fail(Refusals.AdminRelationships.OnlyWhileCreated);
            }

            db.AdminRelationships.Remove(relationship);
            audit.Record("AdminRelationshipDeleted", relationship.PartnerId, relationship.CustomerId, Subject(relationship), Describe(relationship), null);
            return Result.Ok();
        }, expectedVersion);


    /// <summary>Ends the relationship (withdraws it while not yet approved); the value is the request recorded.</summary>
    public async Task<CommandResult<AdminRelationshipRequest?>> TerminateAsync(ClaimsPrincipal user, Guid id)
    {
        AdminRelationshipRequest? request = null;
        var result = await ChangeAsync(user, id, (relationship, now) =>
        {
            var ended = AdminRelationshipChanges.Terminate(db, relationship, now, AdminRelationshipChanges.Into(audit));
            request = ended.Succeeded ? ended.Value : null;
            return ended;
        });
        return result.Succeeded ? CommandResult<AdminRelationshipRequest?>.Done(request) : result.As<AdminRelationshipRequest?>();
    }

    /// <summary>Turns auto-extend on or off for one relationship (its Details page); many at once go through a bulk change.</summary>
    public Task<CommandResult<AdminRelationship>> SetAutoExtendAsync(ClaimsPrincipal user, Guid id, bool on) =>
        ChangeAsync(user, id, (relationship, now) => AdminRelationshipChanges.SetAutoExtend(relationship, on, now, AdminRelationshipChanges.Into(audit)));

    /// <summary>Gives one of the partner's security groups some of the relationship's roles.</summary>
    public async Task<CommandResult<AdminRelationship>> AssignAsync(ClaimsPrincipal user, Guid id, Guid groupId, IReadOnlyCollection<Guid> roles)
    {
        var group = await db.SecurityGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId);
        if (group is null)
        {
            return CommandResult<AdminRelationship>.Refused(PortalRefusals.AdminRelationships.UnknownSecurityGroup);
        }

        try
        {
            return await ChangeAsync(user, id, (relationship, now) => AdminRelationshipChanges.Assign(relationship, group.Id, group.Name, roles, now, AdminRelationshipChanges.Into(audit)));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult<AdminRelationship>.Refused(Refusals.AdminRelationships.AlreadyAssigned);
        }
    }

    /// <summary>
    /// Queues new roles for an access assignment (Graph's long-running update): checked now, applied by
    /// <see cref="AccessChangeJob"/>, audited when applied. The value is the operation, or null when the roles are the ones it
    /// already has (nothing to do). A second change while one is unfinished is refused: the database holds one per assignment.
    /// </summary>
    public Task<CommandResult<AdminRelationshipOperation?>> ChangeAssignmentAsync(ClaimsPrincipal user, Guid id, Guid assignmentId, IReadOnlyCollection<Guid> roles) =>
        QueueAsync(user, id, (relationship, by, now) => AdminRelationshipOperation.ChangeAssignment(relationship, assignmentId, roles, by, now));

    /// <summary>Queues the Global Administrator role's removal from an active relationship (Graph allows only this change then).</summary>
    public Task<CommandResult<AdminRelationshipOperation?>> RemoveGlobalAdministratorAsync(ClaimsPrincipal user, Guid id) =>
        QueueAsync(user, id, (relationship, by, now) => AdminRelationshipOperation.RemoveGlobalAdministrator(relationship, by, now));

    private async Task<CommandResult<AdminRelationshipOperation?>> QueueAsync(ClaimsPrincipal user, Guid id, Func<AdminRelationship, string, DateTimeOffset, Result<AdminRelationshipOperation?>> queue)
    {
        AdminRelationshipOperation? operation = null;
        try
        {
            var result = await ChangeAsync(user, id, (relationship, now) =>
            {
                var queued = queue(relationship, user.Identity?.Name ?? "unknown", now);
                if (queued is { Succeeded: true, Value: { } value })
                {
                    db.AdminRelationshipOperations.Add(operation = value);
                }

                return queued.Succeeded ? Result.Ok() : Result.Fail(queued.Error!);
            });
            return result.Succeeded ? CommandResult<AdminRelationshipOperation?>.Done(operation) : result.As<AdminRelationshipOperation?>();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CommandResult<AdminRelationshipOperation?>.Refused(Refusals.AdminRelationships.ChangeInProgress);
        }
    }

    public async Task<CommandResult<AdminRelationship>> RemoveAssignmentAsync(ClaimsPrincipal user, Guid id, Guid assignmentId) =>
        await ChangeAsync(user, id, (relationship, now) =>
        {
            var before = relationship.Assignments.SingleOrDefault(a => a.Id == assignmentId)?.Roles;
            var removed = relationship.RemoveAssignment(assignmentId, now);
            if (removed.Succeeded)
            {
                audit.Record("AccessAssignmentRemoved", relationship.PartnerId, relationship.CustomerId, Subject(relationship), new { Roles = RoleNames(before ?? []) }, null);
            }

            return removed;
        });

    /// <summary>Locks the partner's relationship, applies one domain change, and saves it with its audit entry.</summary>
    private async Task<CommandResult<AdminRelationship>> ChangeAsync(ClaimsPrincipal user, Guid id, Func<AdminRelationship, DateTimeOffset, Result> change, uint? expectedVersion = null)
    {
        if (!user.Has(Permission.ManageAdminRelationships))
        {
            return CommandResult<AdminRelationship>.Forbidden;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Only one of the partner's relationships is locked: another organization's id is not found, and its row is not touched.
        var relationship = await db.AdminRelationships.AnyAsync(r => r.Id == id) ? await db.LockedAdminRelationshipOrNullAsync(id) : null;
        if (relationship is null)
        {
            return CommandResult<AdminRelationship>.NotFound;
        }

        if (expectedVersion is { } expected && expected != relationship.Version)
        {
            return CommandResult<AdminRelationship>.Conflict(PortalRefusals.AdminRelationships.ChangedMeanwhile);
        }

        var result = change(relationship, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return CommandResult<AdminRelationship>.Refused(result.Error!);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<AdminRelationship>.Done(relationship);
    }

    public static string Subject(AdminRelationship relationship) =>
        relationship.CustomerName is null ? relationship.DisplayName : $"{relationship.DisplayName} ({relationship.CustomerName})";

    public static IReadOnlyList<string> RoleNames(IEnumerable<Guid> roles) => EntraRoles.InOrder(roles).Select(r => r.Name).ToList();

    public static object Describe(AdminRelationship relationship) => new
    {
        Name = relationship.DisplayName,
        Customer = relationship.CustomerName,
        Status = relationship.Status.ToString(),
        relationship.DurationDays,
        relationship.AutoExtend,
        Roles = RoleNames(relationship.Roles),
        relationship.EndsAt,
    };
}
