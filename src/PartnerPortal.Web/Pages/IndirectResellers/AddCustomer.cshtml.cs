using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Partnerships;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.IndirectResellers;

/// <summary>
/// Seed 004 "Add new customers and associate them with indirect resellers", steps 2-7. Nothing is stored until Submit:
/// earlier steps travel with the form and are checked again at every step; Cancel simply leaves.
/// </summary>
[Authorize(Policy = "CanAddCustomerForReseller")]
public class AddCustomerModel(
    PortalDbContext db,
    ITenant tenant,
    PartnershipQueries partnerships,
    CrossOrganizationLookups lookups,
    UserManager<ApplicationUser> users,
    AuditTrail audit,
    TimeProvider clock,
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

    /// <summary>Shown once on the Confirmation page (seed 004 step 6); only its hash is stored.</summary>
    public string? AdminUserName { get; private set; }
    public string? TemporaryPasswordShownOnce { get; private set; }

    public sealed class InputModel : CustomerDetailsInput
    {
        [Required(ErrorMessage = "Choose an indirect reseller.")]
        public Guid? ResellerId { get; set; }

        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(200)]
        public string ContactName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string ContactEmail { get; set; } = string.Empty;

        /// <summary>Licenses per offer id; 0 or absent means the offer is not bought.</summary>
        public Dictionary<Guid, int> Quantities { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(Guid? reseller)
    {
        await LoadAsync();
        Input.ResellerId = reseller is { } id && Resellers.Any(r => r.Id == id) ? id : null;
        ModelState.Clear();
        return Page();
    }

    /// <summary>"Next: Subscriptions".</summary>
    public async Task<IActionResult> OnPostSubscriptionsAsync()
    {
        await LoadAsync();
        ModelState.Remove("Input.Quantities");
        Step = await CheckDetailsAsync() ? WizardStep.Subscriptions : WizardStep.Details;
        return Page();
    }

    /// <summary>"Next: Review".</summary>
    public async Task<IActionResult> OnPostReviewAsync()
    {
        await LoadAsync();
        Step = !await CheckDetailsAsync() ? WizardStep.Details : CheckSubscriptions() ? WizardStep.Review : WizardStep.Subscriptions;
        return Page();
    }

    /// <summary>Back from the review to change the order.</summary>
    public async Task<IActionResult> OnPostBackAsync()
    {
        await LoadAsync();
        ModelState.Clear();
        Step = WizardStep.Subscriptions;
        return Page();
    }

    /// <summary>"Submit": creates the customer, its subscriptions and its first admin, all or nothing.</summary>
    public async Task<IActionResult> OnPostSubmitAsync()
    {
        await LoadAsync();
        if (!await CheckDetailsAsync())
        {
            Step = WizardStep.Details;
            return Page();
        }

        if (!CheckSubscriptions())
        {
            Step = WizardStep.Subscriptions;
            return Page();
        }

        var now = clock.GetUtcNow();
        var customer = BuildCustomer(now).Value;
        var reseller = Resellers.Single(r => r.Id == Input.ResellerId);
        customer.EstablishForReseller(Provider.Id, reseller.Id, now);
        var lines = SelectedLines().ToList();

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Customers.Add(customer);
        foreach (var (offer, quantity) in lines)
        {
            db.Subscriptions.Add(new Subscription(customer.Id, Provider.Id, offer, quantity, reseller.Id, now));
        }

        await db.SaveChangesAsync();
        var password = TemporaryPassword.Generate();
        var admin = new ApplicationUser
        {
            UserName = $"admin@{customer.Domain}",
            Email = $"admin@{customer.Domain}",
            DisplayName = Input.ContactName.Trim(),
            CustomerId = customer.Id,
            EmailConfirmed = true,
            MustChangePassword = true,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            db.ChangeTracker.Clear();
            created.Errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e.Description));
            Step = WizardStep.Review;
            return Page();
        }

        await users.AddToRoleAsync(admin, CustomerRole.CustomerAdmin);
        var after = new
        {
            customer.CompanyName,
            customer.Domain,
            Reseller = reseller.DisplayName,
            Subscriptions = lines.Select(x => new { Offer = x.Offer.Name, x.Quantity }),
        };
        audit.Record("CustomerAddedForReseller", Provider.Id, customer.Id, customer.CompanyName, null, after);
        audit.Record("CustomerAddedForReseller", reseller.Id, customer.Id, customer.CompanyName, null, after);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        Step = WizardStep.Confirmation;
        AdminUserName = admin.UserName;
        TemporaryPasswordShownOnce = password;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public IReadOnlyList<(Offer Offer, int Quantity)> SelectedLines() => OrderForm.Lines(Offers, Input.Quantities);

    public string ResellerName => Resellers.FirstOrDefault(r => r.Id == Input.ResellerId)?.DisplayName ?? string.Empty;

    private async Task LoadAsync()
    {
        Provider = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == tenant.PartnerId);
        Resellers = Provider.Kind == PartnerKind.IndirectProvider ? await partnerships.ActiveResellersAsync(Provider.Id) : [];
        Offers = await db.Offers.AsNoTracking().Where(o => o.Cloud == Provider.Cloud).OrderBy(o => o.Name).ToListAsync();
        var policy = CloudPolicies.For(Provider.Cloud);

        // Countries the provider may serve: its cloud's, within its country or region (seed 000's rule holds for new customers too).
        CountryOptions = CountryNames.All()
            .Where(c => policy.AllowsCountry(c.Code) && Domain.Geography.RegionRule.SameCountryOrRegion(Provider.Country, c.Code))
            .ToList();
    }

    private Domain.Common.Result<Customer> BuildCustomer(DateTimeOffset now) =>
        Input.ToCustomer(Provider.Cloud, Input.ContactName, Input.ContactEmail, now);

    private async Task<bool> CheckDetailsAsync()
    {
        if (Provider.Kind != PartnerKind.IndirectProvider)
        {
            ModelState.AddModelError(string.Empty, l["Only an indirect provider adds customers on behalf of indirect resellers."]);
            return false;
        }

        if (Input.ResellerId is { } resellerId && Resellers.All(r => r.Id != resellerId))
        {
            ModelState.AddModelError("Input.ResellerId", l["Choose one of your partnered indirect resellers."]);
        }

        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Quantities", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!ModelState.IsValid)
        {
            return false;
        }

        var built = BuildCustomer(clock.GetUtcNow());
        if (!built.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(built.Error!));
            return false;
        }

        var allowed = built.Value.CanWorkWith(Provider);
        if (!allowed.Succeeded)
        {
            ModelState.AddModelError("Input.Country", l.Localize(allowed.Error!));
            return false;
        }

        if (await lookups.DomainTakenAsync(built.Value.Domain))
        {
            ModelState.AddModelError("Input.DomainPrefix", l["The domain {0} is already taken. Choose another name.", built.Value.Domain]);
            return false;
        }

        return true;
    }

    private bool CheckSubscriptions() =>
        OrderForm.Check(ModelState, l, Offers, Input.Quantities) && ModelState.IsValid;
}
