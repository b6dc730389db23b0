using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>The steps of seed 004's wizard, in order.</summary>
public enum WizardStep
{
    Details,
    Subscriptions,
    Review,
    Confirmation,
}

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

    /// <summary>
    /// The details step, checked by <see cref="AddCustomerWizard.CheckDetailsAsync"/> (the API's rules): each refusal on its
    /// field. The licenses are not this step's, so their binding errors wait for the order's step.
    /// </summary>
    public async Task<bool> CheckDetailsAsync(AddCustomerWizard wizard, ResellerCustomerChoices choices, ModelStateDictionary modelState, IStringLocalizer l)
    {
        foreach (var key in modelState.Keys.Where(k => k.StartsWith("Input.Quantities", StringComparison.Ordinal)).ToList())
        {
            modelState.Remove(key);
        }

        (await wizard.CheckDetailsAsync(choices, ToOrder(choices.Offers, string.Empty))).AddTo(modelState, "Input.", l);
        return modelState.IsValid;
    }

    /// <summary>The order step: at least one offer, each quantity in its offer's range.</summary>
    public bool CheckOrder(ModelStateDictionary modelState, IStringLocalizer l, IReadOnlyList<Offer> offers) =>
        OrderForm.Check(modelState, l, offers, Quantities) && modelState.IsValid;
}
