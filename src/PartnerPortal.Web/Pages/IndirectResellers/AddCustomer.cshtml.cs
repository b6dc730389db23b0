using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>
/// Seed 004 "Add new customers and associate them with indirect resellers", steps 2-7. Nothing is stored until Submit:
/// earlier steps travel with the form and are checked again at every step; Cancel simply leaves. The rules are in
/// <see cref="AddCustomerForResellerHandler"/>.
/// </summary>
[Authorize(Policy = PortalPolicies.AddCustomerForReseller)]
public class AddCustomerModel(AddCustomerWizard wizard, AddCustomerForResellerHandler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public AddCustomerForm Input { get; set; } = new();

    public WizardStep Step { get; private set; } = WizardStep.Details;
    public ResellerCustomerChoices Choices { get; private set; } = null!;
    public string DomainSuffix => CloudPolicies.For(Choices.Provider.Cloud).InitialDomainSuffix;

    /// <summary>The Confirmation page's setup info (seed 004 step 6); only the password's hash is stored.</summary>
    public AddCustomerForResellerHandler.Created? Created { get; private set; }
    public string? TemporaryPasswordShownOnce { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? reseller) => await StepAsync(() =>
    {
        Input.ResellerId = reseller is { } id && Choices.Resellers.Any(r => r.Id == id) ? id : null;
        Input.FormToken = Guid.NewGuid();
        ModelState.Clear();
        return Task.FromResult(WizardStep.Details);
    });

    /// <summary>"Next: Subscriptions".</summary>
    public async Task<IActionResult> OnPostSubscriptionsAsync() => await StepAsync(async () =>
    {
        ModelState.Remove("Input.Quantities");
        return await CheckDetailsAsync() ? WizardStep.Subscriptions : WizardStep.Details;
    });

    /// <summary>"Next: Review": the temporary password is drawn here, once.</summary>
    public async Task<IActionResult> OnPostReviewAsync() => await StepAsync(async () =>
    {
        var step = await CheckAllAsync();
        if (step == WizardStep.Review && wizard.Unprotect(Input.ProtectedPassword) is null)
        {
            Input.ProtectedPassword = wizard.NewProtectedPassword();
        }

        return step;
    });

    /// <summary>Back from the review to change the order.</summary>
    public async Task<IActionResult> OnPostBackAsync() => await StepAsync(() =>
    {
        ModelState.Clear();
        return Task.FromResult(WizardStep.Subscriptions);
    });

    /// <summary>"Submit": creates the customer, its subscriptions and its first admin, all or nothing.</summary>
    public async Task<IActionResult> OnPostSubmitAsync() => await StepAsync(async () =>
    {
        // Every earlier step is checked again: a form that skipped them (or altered their hidden fields) goes back to the
        // first step it fails, never on to a review of values that were not checked.
        if (await CheckAllAsync() is not WizardStep.Review and var earlier)
        {
            return earlier;
        }

        var password = wizard.Unprotect(Input.ProtectedPassword);
        var fresh = password ?? TemporaryPassword.Generate();
        var created = await handler.HandleAsync(User, Input.ToOrder(Choices.Offers, fresh));
        if (!created.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(created.Error!));
            return WizardStep.Review;
        }

        Created = created.Value!;

        // A repeated submission can show the password only while the protected copy from its own form is still readable.
        TemporaryPasswordShownOnce = Created.Repeated ? password : fresh;
        Response.Headers.CacheControl = "no-store";
        return WizardStep.Confirmation;
    });

    public IReadOnlyList<(Offer Offer, int Quantity)> SelectedLines() => Input.Lines(Choices.Offers);

    public string ResellerName => Choices.Resellers.FirstOrDefault(r => r.Id == Input.ResellerId)?.DisplayName ?? string.Empty;

    /// <summary>
    /// Only an indirect provider adds customers for resellers (anyone else is refused as the Indirect resellers page does);
    /// then the step runs with the wizard's choices loaded.
    /// </summary>
    private async Task<IActionResult> StepAsync(Func<Task<WizardStep>> step)
    {
        if (!User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            return User.IsPartnerOfKind(PartnerKind.IndirectReseller) ? RedirectToPage("/IndirectProviders/Index") : NotFound();
        }

        Choices = await wizard.ChoicesAsync(User.PartnerId()!.Value);
        Step = await step();
        return Page();
    }

    private async Task<WizardStep> CheckAllAsync() =>
        !await CheckDetailsAsync() ? WizardStep.Details : Input.CheckOrder(ModelState, l, Choices.Offers) ? WizardStep.Review : WizardStep.Subscriptions;

    private Task<bool> CheckDetailsAsync() => Input.CheckDetailsAsync(wizard, Choices, ModelState, l);
}
