using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.SecurityGroups;

/// <summary>The partner's security groups (issue 10): create one, add and remove members, who must be the partner's own users.</summary>
public sealed class SecurityGroupCommands(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<CommandResult<Guid>> CreateAsync(ClaimsPrincipal user, string? name, string? description)
    {
        if (!user.Has(Permission.ManageSecurityGroups) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<Guid>.Forbidden;
        }

        var created = SecurityGroup.Create(partnerId, name, description, clock.GetUtcNow());
        if (!created.Succeeded)
        {
            return CommandResult<Guid>.Refused(created.Error!);
        }

        db.SecurityGroups.Add(created.Value);
        audit.Record("SecurityGroupCreated", partnerId, null, created.Value.Name, null, new { created.Value.Name, created.Value.Description });
        return await SaveAsync(created.Value.Id, Refusals.SecurityGroups.NameTaken);
    }

    public async Task<CommandResult<Guid>> AddMemberAsync(ClaimsPrincipal user, Guid groupId, Guid userId)
    {
        if (await LoadAsync(user, groupId) is not { } group)
        {
            return user.Has(Permission.ManageSecurityGroups) ? CommandResult<Guid>.NotFound : CommandResult<Guid>.Forbidden;
        }

        var member = await db.OrganizationUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
        if (member is null)
        {
            return CommandResult<Guid>.Refused(PortalRefusals.SecurityGroups.UnknownUser);
        }

        var added = group.AddMember(userId, clock.GetUtcNow());
        if (!added.Succeeded)
        {
            return CommandResult<Guid>.Refused(added.Error!);
        }

        audit.Record("SecurityGroupMemberAdded", group.PartnerId, null, group.Name, null, new { Member = member });
        return await SaveAsync(group.Id, Refusals.SecurityGroups.AlreadyMember);
    }

    public async Task<CommandResult<Guid>> RemoveMemberAsync(ClaimsPrincipal user, Guid groupId, Guid userId)
    {
        if (await LoadAsync(user, groupId) is not { } group)
        {
            return user.Has(Permission.ManageSecurityGroups) ? CommandResult<Guid>.NotFound : CommandResult<Guid>.Forbidden;
        }

        var member = await db.OrganizationUsers.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync();
        var removed = group.RemoveMember(userId);
        if (!removed.Succeeded)
        {
            return CommandResult<Guid>.Refused(removed.Error!);
        }

        audit.Record("SecurityGroupMemberRemoved", group.PartnerId, null, group.Name, new { Member = member }, null);
        return await SaveAsync(group.Id, Refusals.SecurityGroups.NotMember);
    }

    /// <summary>
    /// Deletes a group that holds no access on any customer. Its row stays (deleted) for the history of what it held; the name
    /// is free for a new group. An access template's line for it fails at its next assignment and says so (issue 19).
    /// </summary>
    public async Task<CommandResult<Guid>> DeleteAsync(ClaimsPrincipal user, Guid groupId)
    {
        if (!user.Has(Permission.ManageSecurityGroups))
        {
            return CommandResult<Guid>.Forbidden;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "SecurityGroups" WHERE "Id" = {groupId} FOR UPDATE""");
        if (await LoadAsync(user, groupId) is not { } group)
        {
            return CommandResult<Guid>.NotFound;
        }

        var holdsAccess = await db.AccessAssignments.AnyAsync(a => a.GroupId == groupId && a.RemovedAt == null);
        var deleted = group.Delete(holdsAccess, clock.GetUtcNow());
        if (!deleted.Succeeded)
        {
            return CommandResult<Guid>.Refused(deleted.Error!);
        }

        audit.Record("SecurityGroupDeleted", group.PartnerId, null, group.Name, new { group.Name, group.Description }, null);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<Guid>.Done(group.Id);
    }

    private async Task<SecurityGroup?> LoadAsync(ClaimsPrincipal user, Guid groupId) =>
        user.Has(Permission.ManageSecurityGroups)
            ? await db.SecurityGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId && g.DeletedAt == null)
            : null;

    /// <summary>Saves; a unique index that refuses (two people doing the same at once) becomes <paramref name="duplicate"/>.</summary>
    private async Task<CommandResult<Guid>> SaveAsync(Guid id, Refusal duplicate)
    {
        try
        {
            await db.SaveChangesAsync();
            return CommandResult<Guid>.Done(id);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return CommandResult<Guid>.Refused(duplicate);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The member was removed by someone else a moment ago.
            db.ChangeTracker.Clear();
            return CommandResult<Guid>.Refused(duplicate);
        }
    }
}
