using System.Security.Cryptography;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>What the wizard offers an indirect provider: its partnered resellers, its cloud's offers, the countries it may serve.</summary>
public sealed record ResellerCustomerChoices(Partner Provider, IReadOnlyList<Partner> Resellers, IReadOnlyList<Offer> Offers, IReadOnlyList<(string Code, string Name)> Countries);

/// <summary>
/// The steps of seed 004's wizard before its Submit (<see cref="AddCustomerForResellerHandler"/>): the choices it offers, the
/// checks each step runs again (the same rules as Submit and the API), and the admin's temporary password, which travels with
/// the form protected (encrypted, time-limited) so a second Submit shows the same setup info instead of losing it.
/// </summary>
public sealed class AddCustomerWizard(
    PortalDbContext db,
    PartnershipQueries partnerships,
    CrossOrganizationLookups lookups,
    AddCustomerForResellerHandler handler,
    IValidator<AddCustomerForResellerHandler.NewCustomer> rules,
    IDataProtectionProvider dataProtection)
{
    private static readonly TimeSpan PasswordLifetime = TimeSpan.FromHours(1);

    public async Task<ResellerCustomerChoices> ChoicesAsync(Guid providerId)
    {
        var provider = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == providerId);
        var resellers = await partnerships.ActiveResellersAsync(provider.Id);
        var offers = await db.Offers.AsNoTracking().Where(o => o.Cloud == provider.Cloud).OrderBy(o => o.Name).ToListAsync();
        return new(provider, resellers, offers, [.. CountryNames.All().Where(c => provider.MayServe(c.Code))]);
    }

    /// <summary>
    /// The details step: every field's shape as the API checks it, then the reseller, the region and the domain. Each failure
    /// on its field of <see cref="AddCustomerForResellerHandler.NewCustomer"/> (a region refusal on the whole form), as
    /// <see cref="FieldRules.AddTo"/> places them.
    /// </summary>
    public async Task<ValidationResult> CheckDetailsAsync(ResellerCustomerChoices choices, AddCustomerForResellerHandler.NewCustomer order)
    {
        var details = order with { Lines = [] };
        var result = await rules.ValidateAsync(details);
        if (order.ResellerId != Guid.Empty && choices.Resellers.All(r => r.Id != order.ResellerId))
        {
            result.Errors.Insert(0, FieldRules.Failure(nameof(order.ResellerId), PortalRefusals.Resellers.UnknownReseller));
        }

        if (!result.IsValid)
        {
            return result;
        }

        // A known country outside the provider's region gets the domain's own explanation from the handler's checks.
        var checkedOrder = await handler.CheckAsync(choices.Provider, details);
        if (!checkedOrder.Succeeded)
        {
            result.Errors.Add(FieldRules.Failure(string.Empty, checkedOrder.Error!));
        }
        else if (checkedOrder.Value!.Customer.Domain is var domain && await lookups.DomainTakenAsync(domain))
        {
            result.Errors.Add(FieldRules.Failure(nameof(CustomerDetails.DomainPrefix), PortalRefusals.Customers.DomainTaken.With(domain)));
        }

        return result;
    }

    /// <summary>A new temporary password, protected for the browser.</summary>
    public string NewProtectedPassword() => Protector.Protect(TemporaryPassword.Generate(), PasswordLifetime);

    /// <summary>The password a form carries, or null when it carries none, or one altered or too old to read.</summary>
    public string? Unprotect(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Protector.Unprotect(value);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("AddCustomerForReseller.TemporaryPassword").ToTimeLimitedDataProtector();
}
