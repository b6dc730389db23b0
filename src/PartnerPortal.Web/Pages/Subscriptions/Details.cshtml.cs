using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Catalog;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Partnerships;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Subscriptions;

/// <summary>
/// Seed 004's subscription details page: "Reseller (MPN ID)" and "Designated support contact" (the selling partner's to set),
/// license count (the seller's or the associated reseller's). A stale form is refused instead of overwriting a colleague.
/// </summary>
[Authorize(Policy = "CanManageSubscriptions")]
public class DetailsModel(PortalDbContext db, ITenant tenant, CrossOrganizationLookups lookups, PartnershipQueries partnerships, AuditTrail audit, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Quantity { get; set; }
        public string? ResellerMpnId { get; set; }
        public Guid? SupportContactId { get; set; }

        /// <summary>The row version the form was drawn from (PostgreSQL xmin).</summary>
        public uint Version { get; set; }
    }

    public Guid CustomerId { get; private set; }
    public string CustomerName { get; private set; } = string.Empty;
    public string OfferName { get; private set; } = string.Empty;
    public string Status { get; private set; } = string.Empty;
    public bool IsSeller { get; private set; }
    public string SellerName { get; private set; } = string.Empty;
    public string SupportContactName { get; private set; } = string.Empty;
    public IReadOnlyList<Partner> Resellers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var subscription = await LoadAsync(id);
        if (subscription is null)
        {
            return NotFound();
        }

        await FillFormAsync(subscription);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var subscription = await LoadAsync(id);
        if (subscription is null)
        {
            return NotFound();
        }

        var before = await DescribeAsync(subscription);
        var quantity = subscription.ChangeQuantity(subscription.Offer!, Input.Quantity);
        if (!quantity.Succeeded)
        {
            ModelState.AddModelError("Input.Quantity", l.Localize(quantity.Error!));
        }

        if (IsSeller)
        {
            await ApplySellerFieldsAsync(subscription);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Compare against the version the user saw, not the one just loaded: a colleague's save in between is a conflict.
        db.Entry(subscription).Property(s => s.Version).OriginalValue = Input.Version;
        audit.Record("SubscriptionUpdated", subscription.PartnerId, subscription.CustomerId, CustomerName, before, await DescribeAsync(subscription));
        if (!IsSeller && subscription.ResellerId is { } resellerId)
        {
            audit.Record("SubscriptionUpdated", resellerId, subscription.CustomerId, CustomerName, before, await DescribeAsync(subscription));
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await LoadAsync(id);
            if (current is null)
            {
                return NotFound();
            }

            await FillFormAsync(current);
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, l["Someone else changed this subscription while you were editing it. Nothing was saved. The form now shows the current values; make your change again."]);
            return Page();
        }

        TempData["StatusMessage"] = l["Subscription {0} saved.", OfferName].Value;
        return RedirectToPage("/Customers/Subscriptions", new { id = subscription.CustomerId });
    }

    private async Task ApplySellerFieldsAsync(Subscription subscription)
    {
        var mpn = Input.ResellerMpnId?.Trim();
        if (string.IsNullOrEmpty(mpn))
        {
            subscription.AssignReseller(null);
        }
        else
        {
            var candidate = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.MpnId == mpn);
            var partnered = candidate is not null && Resellers.Any(r => r.Id == candidate.Id);
            var reseller = PartnershipRules.CheckResellerForSubscription(mpn, candidate, partnered);
            if (reseller.Succeeded)
            {
                subscription.AssignReseller(reseller.Value.Id);
            }
            else
            {
                ModelState.AddModelError("Input.ResellerMpnId", l.Localize(reseller.Error!));
            }
        }

        if (Input.SupportContactId is { } contact && Resellers.All(r => r.Id != contact))
        {
            ModelState.AddModelError("Input.SupportContactId", l["Choose yourself or one of your partnered resellers as the support contact."]);
        }
        else
        {
            subscription.DesignateSupportContact(Input.SupportContactId);
        }
    }

    /// <summary>The subscription if the signed-in partner sells it or is its associated reseller; the query filter hides others.</summary>
    private async Task<Subscription?> LoadAsync(Guid id)
    {
        var subscription = await db.Subscriptions.Include(s => s.Offer).SingleOrDefaultAsync(s => s.Id == id);
        if (subscription is null)
        {
            return null;
        }

        var partnerId = tenant.PartnerId!.Value;
        IsSeller = subscription.PartnerId == partnerId;
        CustomerId = subscription.CustomerId;
        CustomerName = await lookups.CustomerNameOfSubscriptionAsync(subscription);
        OfferName = subscription.Offer!.Name;
        Status = subscription.Status.ToString();
        SellerName = await db.Partners.Where(p => p.Id == subscription.PartnerId).Select(p => p.DisplayName).SingleAsync();
        Resellers = IsSeller ? await partnerships.ActiveResellersAsync(partnerId) : [];
        return subscription;
    }

    private async Task FillFormAsync(Subscription subscription)
    {
        Input.Quantity = subscription.Quantity;
        Input.Version = subscription.Version;
        Input.SupportContactId = subscription.SupportContactId;
        Input.ResellerMpnId = subscription.ResellerId is { } r ? await db.Partners.Where(p => p.Id == r).Select(p => p.MpnId).SingleAsync() : null;
        SupportContactName = subscription.SupportContactId is { } s
            ? await db.Partners.Where(p => p.Id == s).Select(p => p.DisplayName).SingleAsync()
            : SellerName;
    }

    private async Task<object> DescribeAsync(Subscription subscription) => new
    {
        Offer = OfferName,
        subscription.Quantity,
        ResellerMpnId = subscription.ResellerId is { } r ? await db.Partners.Where(p => p.Id == r).Select(p => p.MpnId).SingleAsync() : null,
        SupportContact = subscription.SupportContactId is { } s ? await db.Partners.Where(p => p.Id == s).Select(p => p.DisplayName).SingleAsync() : SellerName,
    };
}
