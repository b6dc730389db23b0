using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Subscriptions;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>Seed 004 "Add new subscriptions to customer accounts", steps 2-5; the rules are in <see cref="AddSubscriptionsHandler"/>.</summary>
[Authorize(Policy = PortalPolicies.ManageSubscriptions)]
public class AddSubscriptionModel(AddSubscriptionsHandler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [ModelBinder(typeof(LicenseQuantitiesBinder))]
    public Dictionary<Guid, int> Quantities { get; set; } = [];

    [BindProperty]
    public Guid? ResellerId { get; set; }

    /// <summary>Drawn with the form; the same token submitted twice adds the subscriptions once.</summary>
    [BindProperty(Name = FormSubmissions.FieldName)]
    public Guid FormToken { get; set; }

    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<Offer> Offers { get; private set; } = [];
    public IReadOnlyList<Partner> Resellers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id) is { } failure)
        {
            return failure;
        }

        ResellerId = Customer.Relationships.FirstOrDefault(r => r.IsActive && r.PartnerId == User.PartnerId())?.IndirectResellerId;
        FormToken = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id) is { } failure)
        {
            return failure;
        }

        if (!OrderForm.Check(ModelState, l, Offers, Quantities) || !ModelState.IsValid)
        {
            return Page();
        }

        var added = await handler.HandleAsync(User, id, new(OrderForm.Lines(Offers, Quantities), ResellerId, FormToken));
        if (this.Failure(added, l) is { } refused)
        {
            return refused;
        }

        TempData["StatusMessage"] = added.Value == 0
            ? l["These subscriptions were already added for {0}; nothing was added twice.", Customer.CompanyName].Value
            : l["{0} added for {1}.", l.Plural(added.Value, "{0} subscription|{0} subscriptions"), Customer.CompanyName].Value;
        return RedirectToPage("Subscriptions", new { id = Customer.Id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var catalog = await handler.LoadAsync(User, id);
        if (this.Failure(catalog, l) is { } failure)
        {
            return failure;
        }

        (Customer, Offers, Resellers) = (catalog.Value!.Customer, catalog.Value.Offers, catalog.Value.Resellers);
        return null;
    }
}
