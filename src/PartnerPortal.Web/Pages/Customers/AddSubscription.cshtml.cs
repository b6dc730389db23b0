using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Pages.Shared;
using PartnerPortal.Web.Partnerships;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>Seed 004 "Add new subscriptions to customer accounts", steps 2-5.</summary>
[Authorize(Policy = "CanManageSubscriptions")]
public class AddSubscriptionModel(
    PortalDbContext db,
    ITenant tenant,
    SubscriptionAccess access,
    PartnershipQueries partnerships,
    AuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public Dictionary<Guid, int> Quantities { get; set; } = [];

    [BindProperty]
    public Guid? ResellerId { get; set; }

    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<Offer> Offers { get; private set; } = [];
    public IReadOnlyList<Partner> Resellers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        ResellerId = Customer.ActiveRelationshipWith(tenant.PartnerId!.Value)?.IndirectResellerId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        OrderForm.Check(ModelState, l, Offers, Quantities);
        var lines = OrderForm.Lines(Offers, Quantities);

        Partner? reseller = null;
        if (ResellerId is { } resellerId)
        {
            var candidate = Resellers.FirstOrDefault(r => r.Id == resellerId) ?? await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == resellerId);
            var checkedReseller = PartnershipRules.CheckResellerForSubscription(candidate?.MpnId ?? string.Empty, candidate, Resellers.Any(r => r.Id == resellerId));
            if (checkedReseller.Succeeded)
            {
                reseller = checkedReseller.Value;
            }
            else
            {
                ModelState.AddModelError("ResellerId", l.Localize(checkedReseller.Error!));
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow();
        foreach (var (offer, quantity) in lines)
        {
            db.Subscriptions.Add(new Subscription(Customer.Id, tenant.PartnerId!.Value, offer, quantity, reseller?.Id, now));
        }

        audit.Record("SubscriptionsAdded", tenant.PartnerId, Customer.Id, Customer.CompanyName, null, new { Subscriptions = lines.Select(x => new { Offer = x.Offer.Name, x.Quantity }), Reseller = reseller?.DisplayName });
        await db.SaveChangesAsync();
        TempData["StatusMessage"] = l["{0} subscription(s) added for {1}.", lines.Count, Customer.CompanyName].Value;
        return RedirectToPage("Subscriptions", new { id = Customer.Id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var customer = await access.BilledCustomerAsync(id, tenant.PartnerId!.Value);
        if (customer is null)
        {
            return false;
        }

        Customer = customer;
        Offers = await db.Offers.AsNoTracking().Where(o => o.Cloud == customer.Cloud).OrderBy(o => o.Name).ToListAsync();
        Resellers = await partnerships.ActiveResellersAsync(tenant.PartnerId!.Value);
        return true;
    }
}
