using FluentValidation;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Geography;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>
/// The company fields of a new customer organization, whoever sends them: the customer's own sign-up (admin center), the
/// indirect provider's Add new customer wizard, and <c>POST /v1/customers</c>. Their shape is checked by
/// <see cref="CustomerDetailsValidator"/>; the business rules (cloud, country, domain prefix) by <see cref="Customer.Create"/>.
/// </summary>
public sealed record CustomerDetails(
    string CompanyName,
    string DomainPrefix,
    string Country,
    string AddressLine1,
    string City,
    string? State,
    string PostalCode,
    string Phone)
{
    /// <summary>The initial domain these fields ask for in <paramref name="cloud"/>, e.g. <c>contoso.onmicrosoft.com</c>.</summary>
    public string DomainIn(Cloud cloud) => DomainPrefix.Trim().ToLowerInvariant() + CloudPolicies.For(cloud).InitialDomainSuffix;

    public Result<Customer> ToCustomer(Cloud cloud, string contactName, string contactEmail, DateTimeOffset now) =>
        Customer.Create(
            CompanyName,
            DomainPrefix,
            Country,
            cloud,
            new Address(AddressLine1.Trim(), null, City.Trim(), string.IsNullOrWhiteSpace(State) ? null : State.Trim(), PostalCode.Trim()),
            new PrimaryContact(contactName.Trim(), contactEmail.Trim(), Phone.Trim()),
            now);
}

/// <summary>The shape of <see cref="CustomerDetails"/>: one set of field rules for every door.</summary>
public sealed class CustomerDetailsValidator : AbstractValidator<CustomerDetails>
{
    public const int CompanyNameLength = 200;
    public const int DomainPrefixLength = 27;

    public CustomerDetailsValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.CompanyName).RequiredText(Refusals.Customers.CompanyNameRequired, CompanyNameLength);
        RuleFor(x => x.DomainPrefix)
            .NotEmpty().Refuse(Refusals.Customers.DomainPrefixRequired)
            .MaximumLength(DomainPrefixLength).Refuse(Refusals.Fields.TooLong, null, DomainPrefixLength);
        RuleFor(x => x.Country)
            .NotEmpty().Refuse(Refusals.Customers.UnknownCountry)
            .Must(Countries.IsKnown).Refuse(Refusals.Customers.UnknownCountry);
        RuleFor(x => x.AddressLine1).RequiredText(Refusals.Customers.AddressRequired, 200);
        RuleFor(x => x.City).RequiredText(Refusals.Customers.CityRequired, 100);
        RuleFor(x => x.State).OptionalText(100);
        RuleFor(x => x.PostalCode).RequiredText(Refusals.Customers.PostalCodeRequired, 20);
        RuleFor(x => x.Phone)
            .NotEmpty().Refuse(Refusals.Customers.PhoneRequired)
            .MaximumLength(40).Refuse(Refusals.Fields.TooLong, null, 40)
            .PhoneNumber();
    }
}
