using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Users;

/// <summary>
/// Changes a partner user's roles. Role changes of one organization run one at a time (a row lock on the organization), so
/// "keep at least one Global admin" holds even when two Global admins demote each other at the same moment.
/// </summary>
public sealed class ChangeUserRolesHandler(
    PortalDbContext db,
    UserManager<ApplicationUser> users,
    IAuthorizationService authorization,
    AuditTrail audit)
{
    /// <summary>The user and their roles; <paramref name="Changed"/> is false when the save asked for the roles they had.</summary>
    public sealed record UserRoles(ApplicationUser User, IReadOnlyList<string> Roles, bool Changed = true);

    public async Task<CommandResult<UserRoles>> LoadAsync(ClaimsPrincipal actor, Guid userId)
    {
        var user = await db.OrganizationUsers.SingleOrDefaultAsync(u => u.Id == userId);
        if (user?.PartnerId is null || !(await authorization.AuthorizeAsync(actor, user, Operations.View)).Succeeded)
        {
            return CommandResult<UserRoles>.NotFound;
        }

        return CommandResult<UserRoles>.Done(new UserRoles(user, [.. await users.GetRolesAsync(user)]));
    }

    public async Task<CommandResult<UserRoles>> HandleAsync(ClaimsPrincipal actor, Guid userId, IReadOnlyCollection<string> wanted)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var partnerId = actor.PartnerId();
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Partners" WHERE "Id" = {partnerId} FOR UPDATE""");

        var loaded = await LoadAsync(actor, userId);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        var (user, current, _) = loaded.Value!;
        if (!(await authorization.AuthorizeAsync(actor, user, Operations.ChangeRoles)).Succeeded)
        {
            return actor.UserId() == user.Id
                ? CommandResult<UserRoles>.Refused(Refusals.Access.OwnRoles)
                : CommandResult<UserRoles>.Forbidden;
        }

        // The roles they already have: nothing to save, so no new security stamp (which would sign them out everywhere) and
        // no audit entry for a change that did not happen.
        if (current.ToHashSet(StringComparer.Ordinal).SetEquals(wanted))
        {
            return CommandResult<UserRoles>.Done(new UserRoles(user, current, Changed: false));
        }

        var allowed = RoleChangeRules.Check(actor.Roles(), actor.UserId() == user.Id, current.ToList(), wanted);
        if (!allowed.Succeeded)
        {
            return CommandResult<UserRoles>.Refused(allowed.Error!);
        }

        if (current.Contains(PartnerRole.GlobalAdmin) && !wanted.Contains(PartnerRole.GlobalAdmin) && await OtherGlobalAdminsAsync(user) == 0)
        {
            return CommandResult<UserRoles>.Refused(PortalRefusals.Users.LastGlobalAdmin);
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
        if (!added.Succeeded)
        {
            return CommandResult<UserRoles>.Conflict(PortalRefusals.Users.ChangedMeanwhile);
        }

        // A new security stamp signs the user's other sessions out, so the new roles apply at once.
        await users.UpdateSecurityStampAsync(user);
        audit.Record("UserRolesChanged", partnerId, null, user.Email, new { user.Email, Roles = current }, new { user.Email, Roles = wanted });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<UserRoles>.Done(new UserRoles(user, [.. wanted]));
    }

    private Task<int> OtherGlobalAdminsAsync(ApplicationUser user)
    {
        var globalAdminRole = db.Roles.Where(r => r.Name == PartnerRole.GlobalAdmin).Select(r => r.Id);
        return db.Users.CountAsync(u => u.PartnerId == user.PartnerId && u.Id != user.Id
            && db.UserRoles.Any(ur => ur.UserId == u.Id && globalAdminRole.Contains(ur.RoleId)));
    }
}
