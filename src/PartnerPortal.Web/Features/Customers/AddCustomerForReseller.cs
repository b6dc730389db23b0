using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>
/// Seed 004 "Add new customers and associate them with indirect resellers", Submit: the customer, its subscriptions and its
/// first admin, all or nothing. The same wizard submitted twice creates the customer once and shows the same setup info.
/// </summary>
public sealed class AddCustomerForResellerHandler(
    PortalDbContext db,
    PartnershipQueries partnerships,
    FormSubmissions forms,
    CustomerOrganizations organizations,
    AuditTrail audit,
    IValidator<AddCustomerForResellerHandler.NewCustomer> rules,
    TimeProvider clock)
{
    public const string FormName = "AddCustomerForReseller";

    public sealed record NewCustomer(
        CustomerDetails Details,
        Guid ResellerId,
        string ContactName,
        string ContactEmail,
        IReadOnlyList<(Offer Offer, int Quantity)> Lines,
        Guid FormToken,
        string TemporaryPassword);

    /// <summary>What the Confirmation page shows. <see cref="Repeated"/>: an earlier submission of the same form created it.</summary>
    public sealed record Created(Guid CustomerId, string CompanyName, string AdminUserName, bool Repeated);

    public sealed record Checked(Customer Customer, IReadOnlyList<Subscription> Subscriptions);

    /// <summary>The checks every step runs (details, reseller, partnership, region, order), without storing anything.</summary>
    public async Task<CommandResult<Checked>> CheckAsync(Partner provider, NewCustomer order)
    {
        var shape = await rules.ValidateAsync(order);
        if (!shape.IsValid)
        {
            return CommandResult<Checked>.Refused(shape.FirstRefusal());
        }

        var reseller = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == order.ResellerId);
        var partnership = await partnerships.ActiveAsync(provider.Id, order.ResellerId);
        if (reseller is null || partnership is null)
        {
            return CommandResult<Checked>.Refused(PortalRefusals.Resellers.UnknownReseller);
        }

        var now = clock.GetUtcNow();
        var built = order.Details.ToCustomer(provider.Cloud, order.ContactName, order.ContactEmail, now);
        if (!built.Succeeded)
        {
            return CommandResult<Checked>.Refused(built.Error!);
        }

        var customer = built.Value;
        var established = customer.EstablishForReseller(provider, reseller, partnership, now);
        if (!established.Succeeded)
        {
            return CommandResult<Checked>.Refused(established.Error!);
        }

        var subscriptions = new List<Subscription>();
        foreach (var (offer, quantity) in order.Lines)
        {
            var subscription = Subscription.Create(customer, provider, offer, quantity, reseller, partnership, now);
            if (!subscription.Succeeded)
            {
                return CommandResult<Checked>.Refused(subscription.Error!);
            }

            subscriptions.Add(subscription.Value);
        }

        return CommandResult<Checked>.Done(new Checked(customer, subscriptions));
    }

    public async Task<CommandResult<Created>> HandleAsync(ClaimsPrincipal user, NewCustomer order)
    {
        var provider = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == user.PartnerId());
        await using var transaction = await db.Database.BeginTransactionAsync();
        var claim = await forms.ClaimAsync(order.FormToken, FormName, user.Identity!.Name!);
        if (!claim.IsFirst)
        {
            return await EarlierResultAsync(claim.Earlier!);
        }

        var checkedOrder = await CheckAsync(provider, order);
        if (!checkedOrder.Succeeded)
        {
            return new CommandResult<Created>(checkedOrder.Status, null, checkedOrder.Error);
        }

        var customer = checkedOrder.Value!.Customer;
        db.Subscriptions.AddRange(checkedOrder.Value.Subscriptions);
        var admin = new ApplicationUser
        {
            UserName = AdminUserName(customer.Domain),
            Email = AdminUserName(customer.Domain),
            DisplayName = order.ContactName.Trim(),
            CustomerId = customer.Id,
            EmailConfirmed = true,
            MustChangePassword = true,
        };
        var added = await organizations.AddAsync(transaction, customer, admin, order.TemporaryPassword);
        if (!added.Succeeded)
        {
            return added.As<Created>();
        }

        var reseller = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == order.ResellerId);
        var after = new
        {
            customer.CompanyName,
            customer.Domain,
            Reseller = reseller.DisplayName,
            Subscriptions = order.Lines.Select(x => new { Offer = x.Offer.Name, x.Quantity }),
        };
        audit.Record("CustomerAddedForReseller", provider.Id, customer.Id, customer.CompanyName, null, after);
        audit.Record("CustomerAddedForReseller", reseller.Id, customer.Id, customer.CompanyName, null, after);
        claim.Claimed?.Complete(customer.Id);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return CommandResult<Created>.Done(new Created(customer.Id, customer.CompanyName, admin.UserName, Repeated: false));
    }

    private async Task<CommandResult<Created>> EarlierResultAsync(FormSubmission earlier)
    {
        var customer = earlier.ResultId is { } id ? await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) : null;
        return customer is null
            ? CommandResult<Created>.Refused(PortalRefusals.Forms.AlreadySubmitted)
            : CommandResult<Created>.Done(new Created(customer.Id, customer.CompanyName, AdminUserName(customer.Domain), Repeated: true));
    }

    private static string AdminUserName(string domain) => $"admin@{domain}";
}

/// <summary>The shape of <see cref="AddCustomerForResellerHandler.NewCustomer"/>, for the wizard and the API alike.</summary>
public sealed class NewCustomerForResellerValidator : AbstractValidator<AddCustomerForResellerHandler.NewCustomer>
{
    public const int ContactNameLength = 200;
    public const int ContactEmailLength = 256;

    public NewCustomerForResellerValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Details).SetValidator(new CustomerDetailsValidator());
        RuleFor(x => x.ResellerId).NotEmpty().Refuse(PortalRefusals.Resellers.ResellerRequired);
        RuleFor(x => x.ContactName).RequiredText(Refusals.Customers.ContactNameRequired, ContactNameLength);
        RuleFor(x => x.ContactEmail)
            .NotEmpty().Refuse(Refusals.Customers.ContactEmailRequired)
            .MaximumLength(ContactEmailLength).Refuse(Refusals.Fields.TooLong, null, ContactEmailLength)
            .ValidEmail();
    }
}
