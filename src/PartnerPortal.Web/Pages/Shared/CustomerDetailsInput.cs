using System.ComponentModel.DataAnnotations;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Customers;

namespace PartnerPortal.Web.Pages.Shared;

/// <summary>
/// The company fields of a new customer organization, shared by the customer's own sign-up (admin center) and the indirect
/// provider's "Add new customer" form. Shape is checked here; the business rules in <see cref="Customer.Create"/>.
/// </summary>
public class CustomerDetailsInput
{
    [Required(ErrorMessage = "Enter the company name.")]
    [StringLength(200)]
    public string CompanyName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter a domain name.")]
    [StringLength(27)]
    public string DomainPrefix { get; set; } = string.Empty;

    [Required(ErrorMessage = "Choose a country from the list.")]
    public string Country { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter the address.")]
    [StringLength(200)]
    public string AddressLine1 { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter the city.")]
    [StringLength(100)]
    public string City { get; set; } = string.Empty;

    [StringLength(100)]
    public string? State { get; set; }

    [Required(ErrorMessage = "Enter the postal code.")]
    [StringLength(20)]
    public string PostalCode { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter a phone number.")]
    [Phone(ErrorMessage = "Enter a valid phone number.")]
    [StringLength(40)]
    public string Phone { get; set; } = string.Empty;

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
