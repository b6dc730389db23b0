using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Subscriptions;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Subscriptions;

/// <summary>Seed 004's subscription details page; the rules are in <see cref="UpdateSubscriptionHandler"/>.</summary>
[Authorize(Policy = PortalPolicies.ManageSubscriptions)]
public class DetailsModel(UpdateSubscriptionHandler handler, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Quantity { get; set; }

        [System.ComponentModel.DataAnnotations.StringLength(20)]
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

    /// <summary>The current support contact when its partnership has ended: shown, and kept unless the seller picks another.</summary>
    public Partner? FormerResellerContact { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var loaded = await handler.LoadAsync(User, id);
        if (this.Failure(loaded, l) is { } failure)
        {
            return failure;
        }

        Show(loaded.Value!, fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!ModelState.IsValid)
        {
            return await RedrawAsync(id, fillForm: false);
        }

        var saved = await handler.HandleAsync(User, id, new(Input.Quantity, Input.ResellerMpnId, Input.SupportContactId, Input.Version));
        if (saved.Status is CommandStatus.Refused or CommandStatus.Conflict)
        {
            ModelState.AddModelError(string.Empty, l.Localize(saved.Error!));
            return await RedrawAsync(id, fillForm: saved.Status == CommandStatus.Conflict);
        }

        if (this.Failure(saved, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["Subscription {0} saved.", saved.Value!.Subscription.Offer!.Name].Value;
        return RedirectToPage("/Customers/Subscriptions", new { id = saved.Value.Customer.Id });
    }

    /// <summary>After a refusal: the page with the user's values; after a conflict: with the current values, to try again.</summary>
    private async Task<IActionResult> RedrawAsync(Guid id, bool fillForm)
    {
        var current = await handler.LoadAsync(User, id);
        if (this.Failure(current, l) is { } failure)
        {
            return failure;
        }

        if (fillForm)
        {
            var errors = ModelState[string.Empty]?.Errors.Select(e => e.ErrorMessage).ToList() ?? [];
            ModelState.Clear();
            errors.ForEach(e => ModelState.AddModelError(string.Empty, e));
        }

        Show(current.Value!, fillForm);
        return Page();
    }

    private void Show(UpdateSubscriptionHandler.Loaded loaded, bool fillForm)
    {
        CustomerId = loaded.Customer.Id;
        CustomerName = loaded.Customer.CompanyName;
        OfferName = loaded.Subscription.Offer!.Name;
        Status = loaded.Subscription.Status.ToString();
        IsSeller = loaded.IsSeller;
        SellerName = loaded.Seller.DisplayName;
        Resellers = loaded.PartneredResellers;
        SupportContactName = loaded.SupportContact?.DisplayName ?? SellerName;
        FormerResellerContact = IsSeller && loaded.SupportContact is { } contact && Resellers.All(r => r.Id != contact.Id) ? contact : null;
        if (fillForm)
        {
            Input.Quantity = loaded.Subscription.Quantity;
            Input.Version = loaded.Subscription.Version;
            Input.SupportContactId = loaded.Subscription.SupportContactId;
            Input.ResellerMpnId = loaded.Reseller?.MpnId;
        }
    }
}
