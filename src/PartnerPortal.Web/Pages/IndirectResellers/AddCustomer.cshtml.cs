using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Tenancy;
using PartnerPortal.Web.Validation;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>
/// Seed 004 "Add new customers and associate them with indirect resellers", steps 2-7. Nothing is stored until Submit:
/// earlier steps travel with the form and are checked again at every step; Cancel simply leaves. The rules are in
/// <see cref="AddCustomerForResellerHandler"/>.
/// </summary>
[Authorize(Policy = PortalPolicies.AddCustomerForReseller)]
public class AddCustomerModel(
    PortalDbContext db,
    PartnershipQueries partnerships,
    CrossOrganizationLookups lookups,
    AddCustomerForResellerHandler handler,
    IValidator<AddCustomerForResellerHandler.NewCustomer> rules,
    IDataProtectionProvider dataProtection,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public enum WizardStep
    {
        Details,
        Subscriptions,
        Review,
        Confirmation,
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public WizardStep Step { get; private set; } = WizardStep.Details;
    public IReadOnlyList<Partner> Resellers { get; private set; } = [];
    public IReadOnlyList<Offer> Offers { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> CountryOptions { get; private set; } = [];
    public Partner Provider { get; private set; } = null!;
    public string DomainSuffix => CloudPolicies.For(Provider.Cloud).InitialDomainSuffix;

    /// <summary>Shown on the Confirmation page (seed 004 step 6); only its hash is stored.</summary>
    public string? AdminUserName { get; private set; }
    public string? TemporaryPasswordShownOnce { get; private set; }
    public string CreatedCompanyName { get; private set; } = string.Empty;
    public bool Repeated { get; private set; }

    /// <summary>The wizard's fields; their rules are <see cref="NewCustomerForResellerValidator"/>, the same as the API's.</summary>
    public sealed class InputModel : CustomerDetailsInput
    {
        public Guid? ResellerId { get; set; }

        public string? ContactName { get; set; }

        public string? ContactEmail { get; set; }

        /// <summary>Licenses per offer id; 0 or absent means the offer is not bought.</summary>
        [ModelBinder(typeof(LicenseQuantitiesBinder))]
        public Dictionary<Guid, int> Quantities { get; set; } = [];

        /// <summary>Drawn when the wizard opens: Submit twice creates the customer once.</summary>
        public Guid FormToken { get; set; }

        /// <summary>
        /// The admin's temporary password, drawn at Review and protected (encrypted, time-limited) for the browser, so a
        /// second click on Submit shows the same setup info instead of losing it.
        /// </summary>
        [StringLength(2000)]
        public string? ProtectedPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? reseller)
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        Input.ResellerId = reseller is { } id && Resellers.Any(r => r.Id == id) ? id : null;
        Input.FormToken = Guid.NewGuid();
        ModelState.Clear();
        return Page();
    }

    /// <summary>"Next: Subscriptions".</summary>
    public async Task<IActionResult> OnPostSubscriptionsAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        ModelState.Remove("Input.Quantities");
        Step = await CheckDetailsAsync() ? WizardStep.Subscriptions : WizardStep.Details;
        return Page();
    }

    /// <summary>"Next: Review".</summary>
    public async Task<IActionResult> OnPostReviewAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        Step = !await CheckDetailsAsync() ? WizardStep.Details : CheckSubscriptions() ? WizardStep.Review : WizardStep.Subscriptions;
        if (Step == WizardStep.Review && Unprotect(Input.ProtectedPassword) is null)
        {
            Input.ProtectedPassword = Protector.Protect(TemporaryPassword.Generate(), TimeSpan.FromHours(1));
        }

        return Page();
    }

    /// <summary>Back from the review to change the order.</summary>
    public async Task<IActionResult> OnPostBackAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        ModelState.Clear();
        Step = WizardStep.Subscriptions;
        return Page();
    }

    /// <summary>"Submit": creates the customer, its subscriptions and its first admin, all or nothing.</summary>
    public async Task<IActionResult> OnPostSubmitAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        // Every earlier step is checked again: a form that skipped them (or altered their hidden fields) goes back to the
        // first step it fails, never on to a review of values that were not checked.
        Step = !await CheckDetailsAsync() ? WizardStep.Details : CheckSubscriptions() ? WizardStep.Review : WizardStep.Subscriptions;
        if (Step != WizardStep.Review)
        {
            return Page();
        }

        var password = Unprotect(Input.ProtectedPassword);
        var fresh = password ?? TemporaryPassword.Generate();
        var created = await handler.HandleAsync(User, ToOrder(fresh));
        if (!created.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(created.Error!));
            Step = WizardStep.Review;
            return Page();
        }

        Step = WizardStep.Confirmation;
        (CreatedCompanyName, AdminUserName, Repeated) = (created.Value!.CompanyName, created.Value.AdminUserName, created.Value.Repeated);

        // A repeated submission can show the password only while the protected copy from its own form is still readable.
        TemporaryPasswordShownOnce = created.Value.Repeated ? password : fresh;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public IReadOnlyList<(Offer Offer, int Quantity)> SelectedLines() => OrderForm.Lines(Offers, Input.Quantities);

    public string ResellerName => Resellers.FirstOrDefault(r => r.Id == Input.ResellerId)?.DisplayName ?? string.Empty;

    private ITimeLimitedDataProtector Protector => dataProtection.CreateProtector("AddCustomerForReseller.TemporaryPassword").ToTimeLimitedDataProtector();

    private string? Unprotect(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private AddCustomerForResellerHandler.NewCustomer ToOrder(string password) =>
        new(Input.ToDetails(), Input.ResellerId ?? Guid.Empty, Input.ContactName ?? string.Empty, Input.ContactEmail ?? string.Empty, SelectedLines(), Input.FormToken, password);

    /// <summary>Only an indirect provider adds customers for resellers; anyone else is refused as the Indirect resellers page does.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        if (!User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            return User.IsPartnerOfKind(PartnerKind.IndirectReseller) ? RedirectToPage("/IndirectProviders/Index") : NotFound();
        }

        Provider = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == User.PartnerId());
        Resellers = await partnerships.ActiveResellersAsync(Provider.Id);
        Offers = await db.Offers.AsNoTracking().Where(o => o.Cloud == Provider.Cloud).OrderBy(o => o.Name).ToListAsync();
        CountryOptions = CountryNames.All().Where(c => Provider.MayServe(c.Code)).ToList();
        return null;
    }

    private async Task<bool> CheckDetailsAsync()
    {
        if (Input.ResellerId is { } resellerId && Resellers.All(r => r.Id != resellerId))
        {
            ModelState.AddModelError("Input.ResellerId", l["Choose one of your partnered indirect resellers."]);
        }

        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Quantities", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        // The shape of every field (required, length, readable text, email, phone, a known country) as the API checks it; a
        // known country outside the provider's region gets the domain's own explanation from the handler's checks below.
        var order = ToOrder(string.Empty) with { Lines = [] };
        (await rules.ValidateAsync(order)).AddTo(ModelState, "Input.", l);
        if (!ModelState.IsValid)
        {
            return false;
        }

        var checkedOrder = await handler.CheckAsync(Provider, order);
        if (!checkedOrder.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(checkedOrder.Error!));
            return false;
        }

        var domain = checkedOrder.Value!.Customer.Domain;
        if (await lookups.DomainTakenAsync(domain))
        {
            ModelState.AddModelError("Input.DomainPrefix", l["The domain {0} is already taken. Choose another name.", domain]);
            return false;
        }

        return true;
    }

    private bool CheckSubscriptions() =>
        OrderForm.Check(ModelState, l, Offers, Input.Quantities) && ModelState.IsValid;
}
