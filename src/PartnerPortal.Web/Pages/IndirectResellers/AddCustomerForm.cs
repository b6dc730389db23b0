using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Pages.Shared;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>
/// The fields of seed 004's wizard, carried from step to step; their rules are <see cref="NewCustomerForResellerValidator"/>,
/// the same as the API's, checked on the handler's input this form becomes.
/// </summary>
public sealed class AddCustomerForm : CustomerDetailsInput
{
    public Guid? ResellerId { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>Licenses per offer id; 0 or absent means the offer is not bought.</summary>
    [ModelBinder(typeof(LicenseQuantitiesBinder))]
    public Dictionary<Guid, int> Quantities { get; set; } = [];

    /// <summary>Drawn when the wizard opens: Submit twice creates the customer once.</summary>
    public Guid FormToken { get; set; }

    /// <summary>The admin's temporary password, drawn at Review and protected for the browser (<see cref="AddCustomerWizard"/>).</summary>
    [StringLength(2000)]
    public string? ProtectedPassword { get; set; }

    /// <summary>The offers bought, in the catalog's order.</summary>
    public IReadOnlyList<(Offer Offer, int Quantity)> Lines(IReadOnlyList<Offer> offers) => OrderForm.Lines(offers, Quantities);

    public AddCustomerForResellerHandler.NewCustomer ToOrder(IReadOnlyList<Offer> offers, string password) =>
        new(ToDetails(), ResellerId ?? Guid.Empty, ContactName ?? string.Empty, ContactEmail ?? string.Empty, Lines(offers), FormToken, password);
}
