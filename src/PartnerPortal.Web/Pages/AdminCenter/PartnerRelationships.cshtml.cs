using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Customers;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.Relationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.AdminCenter;

/// <summary>
/// Seed 003 step 4 and last paragraph: the customer sees every partner and which holds delegated admin per service, and
/// removes delegated admin privileges from one partner or from all. Relationships stay.
/// </summary>
[Authorize(Policy = PortalPolicies.ManagePartnerRelationships)]
public class PartnerRelationshipsModel(PortalDbContext db, ITenant tenant, RemoveDelegatedAdminHandler removeDelegatedAdmin, AdminRelationshipAnswers answers, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A granular delegated admin relationship as the customer sees it (issue 10).</summary>
    public sealed record AdminRow(Guid Id, string Partner, string Name, AdminRelationshipPhase Phase, AdminRelationshipEnd? End, IReadOnlyList<EntraRole> Roles, DateTimeOffset? EndsAt, bool AutoExtend)
    {
        public bool InForce => Phase is AdminRelationshipPhase.Active or AdminRelationshipPhase.Expiring;
    }

    public IReadOnlyList<AdminRow> AdminRelationships { get; private set; } = [];

    /// <summary>The customer ends an admin relationship: the partner's access through it ends at once.</summary>
    public async Task<IActionResult> OnPostTerminateAdminRelationshipAsync(Guid relationshipId)
    {
        var ended = await answers.TerminateAsync(User, relationshipId);
        if (ended.Status == Infrastructure.CommandStatus.NotFound)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = ended.Succeeded
            ? l["The admin relationship \"{0}\" with {1} was terminated. The partner no longer has those roles in your organization.", ended.Value!.DisplayName, ended.Value.PartnerName].Value
            : l.Localize(ended.Error!);
        return RedirectToPage();
    }

    public sealed record Row(Guid Id, string Name, string Relationship, string Country, DateTimeOffset? Since, IReadOnlyList<DelegatedAdminService> Services);

    public IReadOnlyList<Row> Partners { get; private set; } = [];

    /// <summary>A partner id, or "all", awaiting the user's "Yes".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    public string ConfirmPartnerName => Partners.FirstOrDefault(p => p.Id.ToString() == Confirm)?.Name ?? string.Empty;

    public IReadOnlyList<string> Holders(DelegatedAdminService service) =>
        Partners.Where(p => p.Services.Contains(service)).Select(p => p.Name).ToList();

    public async Task OnGetAsync()
    {
        var customer = await LoadCustomerAsync();
        await BuildRowsAsync(customer);
        var now = clock.GetUtcNow();
        var relationships = await db.AdminRelationships.AsNoTracking().Where(r => r.Status != AdminRelationshipStatus.Created).OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync();
        AdminRelationships = relationships
            .Select(r => new AdminRow(r.Id, r.PartnerName, r.DisplayName, r.PhaseAt(now), r.EndReason, EntraRoles.InOrder(r.Roles), r.EndsAtAsOf(now), r.AutoExtend))
            .ToList();
        if (Confirm is not null && Confirm != "all" && Partners.All(p => p.Id.ToString() != Confirm))
        {
            Confirm = null;
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid partnerId)
    {
        TempData["StatusMessage"] = await removeDelegatedAdmin.FromPartnerAsync(partnerId) is { } name
            ? l["Delegated admin privileges removed from {0}.", name].Value
            : l["That partner holds no delegated admin privileges for your organization. Nothing was changed."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAllAsync()
    {
        TempData["StatusMessage"] = await removeDelegatedAdmin.FromAllPartnersAsync() == 0
            ? l["No partner holds delegated admin privileges for your organization. Nothing was changed."].Value
            : l["Delegated admin privileges removed from all partners."].Value;
        return RedirectToPage();
    }

    private async Task<Customer> LoadCustomerAsync()
    {
        var customer = await db.Customers.Include(c => c.Relationships).Include(c => c.DelegatedAdminGrants).SingleAsync(c => c.Id == tenant.CustomerId);
        ViewData["AdminCenter"] = CloudPolicies.For(customer.Cloud).AdminCenterName;
        return customer;
    }

    private async Task BuildRowsAsync(Customer customer)
    {
        var active = customer.Relationships.Where(r => r.IsActive).ToList();
        var grants = customer.ActiveGrants.ToList();
        var ids = active.Select(r => r.PartnerId)
            .Concat(active.Where(r => r.IndirectResellerId is not null).Select(r => r.IndirectResellerId!.Value))
            .Concat(grants.Select(g => g.PartnerId))
            .Distinct()
            .ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
        Partners = partners
            .Select(p =>
            {
                var direct = active.FirstOrDefault(r => r.PartnerId == p.Id);
                var viaReseller = active.FirstOrDefault(r => r.IndirectResellerId == p.Id);
                var relationship = direct is not null ? "Reseller" : viaReseller is not null ? "Indirect reseller" : "Delegated admin only";
                return new Row(
                    p.Id,
                    p.DisplayName,
                    relationship,
                    CountryNames.Display(p.Country),
                    (direct ?? viaReseller)?.EstablishedAt,
                    grants.Where(g => g.PartnerId == p.Id).Select(g => g.Service).Order().ToList());
            })
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
