using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Features.Users;

/// <summary>A new user of the signed-in organization: the name, the work address and the partner roles.</summary>
public sealed record NewUser(string DisplayName, string Email, IReadOnlyList<string> Roles);

/// <summary>A new user's name and address, for the page's fields and the handler alike.</summary>
public sealed class NewUserValidator : AbstractValidator<NewUser>
{
    public const int NameLength = 200;
    public const int EmailLength = 256;

    public NewUserValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.DisplayName).RequiredText(Refusals.Customers.ContactNameRequired, NameLength);
        RuleFor(x => x.Email)
            .NotEmpty().Refuse(Refusals.Customers.ContactEmailRequired)
            .MaximumLength(EmailLength).Refuse(Refusals.Fields.TooLong, null, EmailLength)
            .ValidEmail();
    }
}

/// <summary>The account made and its temporary password, which is shown once and never stored in clear.</summary>
public sealed record AddedUser(ApplicationUser User, string TemporaryPassword);

/// <summary>
/// "Add user": an account in the signed-in organization with roles the actor may give, a temporary password the person must
/// change at first sign-in, and an audit entry, in one transaction.
/// </summary>
public sealed class AddUserHandler(UserManager<ApplicationUser> users, PortalDbContext db, AuditTrail audit, IValidator<NewUser> rules)
{
    public async Task<CommandResult<AddedUser>> HandleAsync(ClaimsPrincipal actor, NewUser input)
    {
        if (actor.PartnerId() is not { } partnerId)
        {
            return CommandResult<AddedUser>.Forbidden;
        }

        var shape = await rules.ValidateAsync(input);
        if (!shape.IsValid)
        {
            return CommandResult<AddedUser>.Refused(shape.FirstRefusal());
        }

        var roles = input.Roles.Where(PartnerRole.All.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0 || roles.Count != input.Roles.Count)
        {
            return CommandResult<AddedUser>.Refused(Refusals.Access.RolesRequired);
        }

        var allowed = RoleChangeRules.Check(actor.Roles(), changingOwnRoles: false, [], roles);
        if (!allowed.Succeeded)
        {
            return CommandResult<AddedUser>.Refused(allowed.Error!);
        }

        if (await TakenAsync(input.Email, partnerId) is { } taken)
        {
            return taken;
        }

        var password = TemporaryPassword.Generate();
        var user = new ApplicationUser
        {
            UserName = input.Email,
            Email = input.Email,
            DisplayName = input.DisplayName.Trim(),
            PartnerId = partnerId,
            MustChangePassword = true,
        };
        // The account, its roles and the audit entry are one transaction (the user store shares this scope's context): a
        // database lost half-way leaves no account without roles.
        await using var transaction = await db.Database.BeginTransactionAsync();
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same address was added a moment earlier (a second click, or a colleague): say so as if it had been there.
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            return await TakenAsync(input.Email, partnerId) ?? CommandResult<AddedUser>.Refused(PortalRefusals.Entra.AddressNotUsable);
        }

        // Identity's own check can see the address taken too (added between the check above and this call): the same answer.
        if (!created.Succeeded && created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            await transaction.RollbackAsync();
            return await TakenAsync(input.Email, partnerId) ?? CommandResult<AddedUser>.Refused(PortalRefusals.Entra.AddressNotUsable);
        }

        if (!created.Succeeded)
        {
            return CommandResult<AddedUser>.Refused(PortalRefusals.Users.AccountNotCreated, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, roles);
        audit.Record("UserAdded", partnerId, null, user.Email, null, new { user.Email, Roles = roles });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<AddedUser>.Done(new(user, password));
    }

    /// <summary>
    /// The refusal for an address already in use: "already a user" when it is this organization's, otherwise a refusal that
    /// does not say whose it is (one organization must not learn that an address belongs to another).
    /// </summary>
    private async Task<CommandResult<AddedUser>?> TakenAsync(string email, Guid partnerId) =>
        await users.FindByEmailAsync(email) is { } existing
            ? existing.PartnerId == partnerId
                ? CommandResult<AddedUser>.Refused(PortalRefusals.Users.AlreadyUser, email)
                : CommandResult<AddedUser>.Refused(PortalRefusals.Entra.AddressNotUsable)
            : null;

}
