using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Identity.Entra;

/// <summary>What the "Sign in with Microsoft" page shows an organization's admin.</summary>
public sealed record MicrosoftSignInView(Cloud Cloud, EntraTenantLink? Link, IReadOnlyList<EntraSignInRequest> Requests, bool IsPartner)
{
    public EntraAuthority Authority => CloudPolicies.For(Cloud).SignInAuthority;
}

/// <summary>
/// An organization's side of Microsoft sign-in: linking its Entra tenant (proved by signing in as a Global Administrator of
/// that tenant), unlinking it, and deciding on its people's first sign-ins. Scoped by the query filters: an id of another
/// organization's request is simply not found.
/// </summary>
public sealed class EntraDirectoryHandler(
    PortalDbContext db,
    CrossOrganizationLookups lookups,
    UserManager<ApplicationUser> users,
    AuditTrail audit,
    TimeProvider clock)
{
    public const int ListedRequests = 200;

    public async Task<MicrosoftSignInView> LoadAsync(ClaimsPrincipal actor)
    {
        var cloud = await lookups.CloudOfAsync(actor.PartnerId(), actor.CustomerId());
        var link = await db.EntraTenantLinks.AsNoTracking().SingleOrDefaultAsync();
        var requests = await db.EntraSignInRequests.AsNoTracking()
            .Where(r => r.Status != EntraSignInRequestStatus.Approved)
            .OrderBy(r => r.Status).ThenBy(r => r.RequestedAt)
            .Take(ListedRequests)
            .ToListAsync();
        return new MicrosoftSignInView(cloud, link, requests, actor.PartnerId() is not null);
    }

    public async Task<CommandResult<EntraTenantLink>> LinkAsync(ClaimsPrincipal actor, EntraAccount account, EntraAuthority authority)
    {
        if (!account.IsTenantGlobalAdministrator)
        {
            return CommandResult<EntraTenantLink>.Refused(PortalRefusals.Entra.GlobalAdministratorRequired);
        }

        var cloud = await lookups.CloudOfAsync(actor.PartnerId(), actor.CustomerId());
        if (CloudPolicies.For(cloud).SignInAuthority != authority)
        {
            return CommandResult<EntraTenantLink>.Refused(PortalRefusals.Entra.WrongCloud, CloudPolicies.For(cloud).DisplayName);
        }

        var link = new EntraTenantLink(account.TenantId, actor.PartnerId(), actor.CustomerId(), actor.UserId()!.Value, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.EntraTenantLinks.Add(link);
        audit.Record("MicrosoftEntraTenantLinked", link.PartnerId, link.CustomerId, account.TenantId.ToString(), null, new { TenantId = account.TenantId });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            return unique.ConstraintName == "PK_EntraTenantLinks"
                ? CommandResult<EntraTenantLink>.Refused(PortalRefusals.Entra.TenantLinkedElsewhere)
                : CommandResult<EntraTenantLink>.Refused(PortalRefusals.Entra.AlreadyLinked);
        }

        // The admin who proved the tenant signs in with that Microsoft account from now on, unless it already belongs to someone.
        var admin = await users.FindByIdAsync(actor.UserId()!.Value.ToString());
        if (admin is not null && await users.FindByLoginAsync(EntraLogin.Provider, account.LoginKey) is null)
        {
            await users.AddLoginAsync(admin, new UserLoginInfo(EntraLogin.Provider, account.LoginKey, "Microsoft"));
        }

        await transaction.CommitAsync();
        return CommandResult<EntraTenantLink>.Done(link);
    }

    public async Task<CommandResult<Guid>> UnlinkAsync(ClaimsPrincipal actor)
    {
        var link = await db.EntraTenantLinks.SingleOrDefaultAsync();
        if (link is null)
        {
            return CommandResult<Guid>.Refused(PortalRefusals.Entra.NotLinked);
        }

        db.EntraTenantLinks.Remove(link);
        audit.Record("MicrosoftEntraTenantUnlinked", link.PartnerId, link.CustomerId, link.TenantId.ToString(), new { link.TenantId }, null);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Unlinked a moment earlier by another admin: the outcome is the one asked for.
        }

        return CommandResult<Guid>.Done(link.TenantId);
    }

    public async Task<CommandResult<EntraSignInRequest>> ApproveAsync(ClaimsPrincipal actor, Guid requestId, IReadOnlyCollection<string> wantedRoles)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var request = await LockAsync(requestId);
        if (request is null)
        {
            return CommandResult<EntraSignInRequest>.NotFound;
        }

        if (request.Status == EntraSignInRequestStatus.Approved)
        {
            return CommandResult<EntraSignInRequest>.Refused(PortalRefusals.Entra.AlreadyApproved);
        }

        List<string> roles;
        if (request.PartnerId is not null)
        {
            roles = wantedRoles.Where(r => PartnerRole.All.Contains(r)).Distinct().ToList();
            if (roles.Count == 0 || roles.Count != wantedRoles.Count)
            {
                return CommandResult<EntraSignInRequest>.Refused(Refusals.Access.RolesRequired);
            }

            var allowed = RoleChangeRules.Check(actor.Roles(), changingOwnRoles: false, [], roles);
            if (!allowed.Succeeded)
            {
                return CommandResult<EntraSignInRequest>.Refused(allowed.Error!);
            }
        }
        else
        {
            roles = [CustomerRole.CustomerAdmin];
        }

        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email);
        if (user is not null && (user.PartnerId != request.PartnerId || user.CustomerId != request.CustomerId))
        {
            // Whose address it is stays unsaid, as on Add user.
            return CommandResult<EntraSignInRequest>.Refused(PortalRefusals.Entra.AddressNotUsable);
        }

        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = string.IsNullOrWhiteSpace(request.Email) ? request.LoginKey : request.Email,
                Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email,
                EmailConfirmed = true,
                DisplayName = request.DisplayName,
                PartnerId = request.PartnerId,
                CustomerId = request.CustomerId,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return CommandResult<EntraSignInRequest>.Refused(PortalRefusals.Entra.AddressNotUsable);
            }

            await users.AddToRolesAsync(user, roles);
        }

        var login = await users.AddLoginAsync(user, new UserLoginInfo(EntraLogin.Provider, request.LoginKey, "Microsoft"));
        if (!login.Succeeded)
        {
            return CommandResult<EntraSignInRequest>.Refused(PortalRefusals.Entra.AccountTaken);
        }

        request.Approve(user.Id, actor.UserId()!.Value, clock.GetUtcNow());
        audit.Record("MicrosoftSignInApproved", request.PartnerId, request.CustomerId, request.Email, null, new { request.Email, Roles = roles, Existing = user.PasswordHash is not null });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<EntraSignInRequest>.Done(request);
    }

    public async Task<CommandResult<EntraSignInRequest>> DeclineAsync(ClaimsPrincipal actor, Guid requestId)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var request = await LockAsync(requestId);
        if (request is null)
        {
            return CommandResult<EntraSignInRequest>.NotFound;
        }

        var declined = request.Decline(actor.UserId()!.Value, clock.GetUtcNow());
        if (!declined.Succeeded)
        {
            return CommandResult<EntraSignInRequest>.Refused(declined.Error!);
        }

        audit.Record("MicrosoftSignInDeclined", request.PartnerId, request.CustomerId, request.Email, null, new { request.Email });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<EntraSignInRequest>.Done(request);
    }

    /// <summary>Two admins deciding the same request at once: the second waits for the first, then sees its decision.</summary>
    private async Task<EntraSignInRequest?> LockAsync(Guid requestId)
    {
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "EntraSignInRequests" WHERE "Id" = {requestId} FOR UPDATE""");
        return await db.EntraSignInRequests.SingleOrDefaultAsync(r => r.Id == requestId);
    }
}
