using FluentValidation;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>The sign-up behind a reseller invitation link: who invites, in which cloud, and the countries it may serve.</summary>
public sealed record OrganizationSignUp(string Code, string InviterName, CloudPolicy Policy, IReadOnlyList<(string Code, string Name)> Countries);

/// <summary>What the sign-up asks besides the customer's details: the first admin, its user name and password.</summary>
public sealed record NewOrganization(CustomerDetails Details, string AdminName, string AdminUserName, string Password, Guid FormToken);

/// <summary>The first admin's name, checked as every name is; the customer's details have <see cref="CustomerDetailsValidator"/>.</summary>
public sealed class NewOrganizationValidator : AbstractValidator<NewOrganization>
{
    public const int AdminNameLength = 200;

    public NewOrganizationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.AdminName).RequiredText(Refusals.Customers.ContactNameRequired, AdminNameLength);
    }
}

/// <summary>
/// A customer that is new to the cloud creates its organization and first admin account from the invitation link (issue 3,
/// item 7), in the inviting partner's cloud. The same form posted twice creates one organization; the second post gets the
/// admin the first one created when its password matches. The page signs the admin in.
/// </summary>
public sealed class CreateOrganizationHandler(
    PortalDbContext db,
    CrossOrganizationLookups lookups,
    FormSubmissions forms,
    CustomerOrganizations organizations,
    UserManager<ApplicationUser> users,
    AuditTrail audit,
    IValidator<CustomerDetails> detailsRules,
    IValidator<NewOrganization> adminRules,
    TimeProvider clock)
{
    public const string FormName = "CreateOrganization";

    /// <summary>The sign-up behind the code; null when the code is not a reseller relationship link.</summary>
    public async Task<OrganizationSignUp?> LoadAsync(string code)
    {
        var link = await lookups.FindInvitationLinkAsync(code);
        if (link is null || link.Kind != InvitationKind.ResellerRelationship || await lookups.FindPartnerAsync(link.PartnerId) is not { } inviter)
        {
            return null;
        }

        // Only countries the billing partner may serve (its cloud, its country or region): another could not accept the link.
        var billingPartner = link.IndirectProviderId is { } providerId ? await lookups.FindPartnerAsync(providerId) ?? inviter : inviter;
        return new(link.Code, inviter.DisplayName, CloudPolicies.For(inviter.Cloud), [.. CountryNames.All().Where(c => billingPartner.MayServe(c.Code))]);
    }

    /// <summary>The field rules and the country list, before anything is made (the page shows each failure on its field).</summary>
    public async Task<FluentValidation.Results.ValidationResult> ValidateAsync(OrganizationSignUp signUp, NewOrganization input)
    {
        var shape = await detailsRules.ValidateAsync(input.Details);
        shape.Errors.AddRange((await adminRules.ValidateAsync(input)).Errors);
        if (shape.IsValid && signUp.Countries.All(c => c.Code != input.Details.Country))
        {
            shape.Errors.Add(FieldRules.Failure(nameof(CustomerDetails.Country), Refusals.Customers.UnknownCountry));
        }

        return shape;
    }

    public async Task<CommandResult<ApplicationUser>> HandleAsync(OrganizationSignUp signUp, NewOrganization input)
    {
        var shape = await ValidateAsync(signUp, input);
        if (!shape.IsValid)
        {
            return CommandResult<ApplicationUser>.Refused(shape.FirstRefusal());
        }

        var cloud = signUp.Policy.Cloud;
        var adminEmail = $"{input.AdminUserName}@{input.Details.DomainIn(cloud)}";
        var created = input.Details.ToCustomer(cloud, input.AdminName, adminEmail, clock.GetUtcNow());
        if (!created.Succeeded)
        {
            return CommandResult<ApplicationUser>.Refused(created.Error!);
        }

        var customer = created.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(input.FormToken, FormName, customer.Domain);
        if (!claim.IsFirst)
        {
            // The same form again (a second click): the admin the first one created, if this is its password.
            return await users.FindByEmailAsync(adminEmail) is { } earlier && await users.CheckPasswordAsync(earlier, input.Password)
                ? CommandResult<ApplicationUser>.Done(earlier)
                : CommandResult<ApplicationUser>.Refused(PortalRefusals.Forms.SignUpAlreadySubmitted);
        }

        var admin = new ApplicationUser { UserName = adminEmail, Email = adminEmail, DisplayName = input.AdminName.Trim(), CustomerId = customer.Id, EmailConfirmed = true };
        var added = await organizations.AddAsync(transaction, customer, admin, input.Password);
        if (!added.Succeeded)
        {
            return added;
        }

        audit.Record("CustomerOrganizationCreated", null, customer.Id, customer.CompanyName, null, new { customer.CompanyName, customer.Domain, customer.Country, Cloud = customer.Cloud.ToString() });
        claim.Claimed?.Complete(customer.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return added;
    }
}
