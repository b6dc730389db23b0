using PartnerPortal.Domain.Clouds;
using PartnerPortal.Web.Features.Customers;

namespace PartnerPortal.Web.Pages.Shared;

/// <summary>
/// The company fields of a new customer organization as a form binds them, shared by the customer's own sign-up (admin
/// center) and the indirect provider's "Add new customer" wizard. The form only carries them: <see cref="ToDetails"/> gives the
/// handler's input, checked by <see cref="CustomerDetailsValidator"/> as for the API.
/// </summary>
public class CustomerDetailsInput
{
    public string? CompanyName { get; set; }

    public string? DomainPrefix { get; set; }

    public string? Country { get; set; }

    public string? AddressLine1 { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? PostalCode { get; set; }

    public string? Phone { get; set; }

    public CustomerDetails ToDetails() =>
        new(CompanyName ?? string.Empty, DomainPrefix ?? string.Empty, Country ?? string.Empty, AddressLine1 ?? string.Empty, City ?? string.Empty, State, PostalCode ?? string.Empty, Phone ?? string.Empty);

    /// <summary>The initial domain these fields ask for in <paramref name="cloud"/>, e.g. <c>contoso.onmicrosoft.com</c>.</summary>
    public string DomainIn(Cloud cloud) => ToDetails().DomainIn(cloud);
}
