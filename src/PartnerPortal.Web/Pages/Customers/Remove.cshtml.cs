using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>Seed "Next steps": remove a relationship with a customer, after a confirmation. The rows stay as history.</summary>
[Authorize(Policy = "CanRemoveCustomerRelationship")]
public class RemoveModel(PortalDbContext db, ITenant tenant, AuditTrail audit, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public string CompanyName { get; private set; } = string.Empty;
    public string Domain { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var customer = await LoadAsync(id);
        return customer is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var customer = await LoadAsync(id);
        if (customer is null)
        {
            return NotFound();
        }

        var partnerId = tenant.PartnerId!.Value;
        var before = new { Customer = customer.CompanyName, DelegatedAdmin = customer.ActiveGrants.Where(g => g.PartnerId == partnerId).Select(g => g.Service.ToString()).ToList() };
        var removed = customer.RemoveRelationship(partnerId, clock.GetUtcNow());
        if (!removed.Succeeded)
        {
            ModelState.AddModelError(string.Empty, l.Localize(removed.Error!));
            return Page();
        }

        audit.Record("RelationshipRemoved", partnerId, customer.Id, customer.CompanyName, before, new { Customer = customer.CompanyName, Relationship = "Removed" });
        await db.SaveChangesAsync();
        TempData["StatusMessage"] = l["Your relationship with {0} was removed.", customer.CompanyName].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Only a customer this partner bills; another organization's customer id is not found.</summary>
    private async Task<Customer?> LoadAsync(Guid id)
    {
        var customer = await db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleOrDefaultAsync(c => c.Id == id);
        if (customer?.ActiveRelationshipWith(tenant.PartnerId!.Value) is null)
        {
            return null;
        }

        CompanyName = customer.CompanyName;
        Domain = customer.Domain;
        return customer;
    }
}
