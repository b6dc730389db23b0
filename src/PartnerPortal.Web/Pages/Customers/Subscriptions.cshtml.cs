using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>The customer's Subscriptions page (seed 004): select a subscription to open its details.</summary>
[Authorize(Policy = PortalPolicies.ViewCustomers)]
public class SubscriptionsModel(PortalDbContext db, ITenant tenant) : PageModel
{
    public sealed record Row(Guid Id, string Offer, int Quantity, string Status, string? Reseller, string SupportContact);

    public Guid CustomerId { get; private set; }
    public string CompanyName { get; private set; } = string.Empty;
    public bool CanOrder { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Id, c.CompanyName, Billed = c.Relationships.Any(r => r.RemovedAt == null && r.PartnerId == tenant.PartnerId) })
            .SingleOrDefaultAsync();
        if (customer is null)
        {
            return NotFound();
        }

        (CustomerId, CompanyName, CanOrder) = (customer.Id, customer.CompanyName, customer.Billed);
        var rows = await db.Subscriptions.AsNoTracking().Where(s => s.CustomerId == id).OrderBy(s => s.CreatedAt)
            .Select(s => new
            {
                s.Id,
                Offer = s.Offer!.Name,
                s.Quantity,
                s.Status,
                Reseller = db.Partners.Where(p => p.Id == s.ResellerId).Select(p => p.DisplayName + " (" + p.MpnId + ")").FirstOrDefault(),
                Support = db.Partners.Where(p => p.Id == (s.SupportContactId ?? s.PartnerId)).Select(p => p.DisplayName).FirstOrDefault(),
            })
            .ToListAsync();
        Rows = rows.Select(r => new Row(r.Id, r.Offer, r.Quantity, r.Status.ToString(), r.Reseller, r.Support ?? string.Empty)).ToList();
        return Page();
    }
}
