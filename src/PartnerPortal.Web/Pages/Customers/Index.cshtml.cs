using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>
/// Seed 000 steps 5-6: the partner's customers, paged and searched in the database, each expandable to its account,
/// services, users and licenses.
/// </summary>
[Authorize(Policy = PortalPolicies.ViewCustomers)]
public class IndexModel(PortalDbContext db, ITenant tenant) : PageModel
{
    public const int PageSize = 25;

    public sealed record SubscriptionRow(Guid Id, string Offer, int Quantity, string Status, string? ResellerMpnId);

    public sealed record CustomerRow(
        Guid Id,
        string CompanyName,
        string Domain,
        string CountryName,
        string CloudName,
        DateTimeOffset Since,
        string? ResellerName,
        bool IsOwnRelationship,
        IReadOnlyList<DelegatedAdminService> DelegatedAdmin,
        string? AgreementVersion,
        IReadOnlyList<SubscriptionRow> Subscriptions,
        IReadOnlyList<string> Users);

    public sealed record ResellerOption(Guid Id, string Name);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Reseller { get; set; }

    // From the query string only: "page" is also Razor Pages' own route value (the page's path), which BindProperty would bind first.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<CustomerRow> Customers { get; private set; } = [];
    public IReadOnlyList<ResellerOption> Resellers { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Empty;

    public async Task OnGetAsync()
    {
        var partnerId = tenant.PartnerId!.Value;
        var partneredResellerIds = db.ResellerPartnerships.Where(p => p.ProviderId == partnerId && p.RemovedAt == null).Select(p => p.ResellerId);
        Resellers = await db.Partners.Where(p => partneredResellerIds.Contains(p.Id)).OrderBy(p => p.DisplayName)
            .Select(p => new ResellerOption(p.Id, p.DisplayName)).ToListAsync();

        // The query filter already limits customers to this partner's active relationships.
        var customers = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = SearchPattern.Contains(Query);
            customers = customers.Where(c => EF.Functions.ILike(c.CompanyName, pattern) || EF.Functions.ILike(c.Domain, pattern));
        }

        if (Reseller is { } resellerId)
        {
            customers = customers.Where(c => c.Relationships.Any(r => r.RemovedAt == null && r.IndirectResellerId == resellerId));
        }

        Pager = new Pager(PageNumber, PageSize, await customers.CountAsync());
        var page = await customers
            .OrderBy(c => c.CompanyName).ThenBy(c => c.Id)
            .Skip(Pager.Skip).Take(Pager.Size)
            .Select(c => new
            {
                c.Id,
                c.CompanyName,
                c.Domain,
                c.Country,
                c.Cloud,
                Agreement = c.AgreementAcceptance == null ? null : c.AgreementAcceptance.AgreementVersion,
            })
            .ToListAsync();

        // Everything else about the page's customers in a few queries bounded by the page's ids.
        var ids = page.Select(c => c.Id).ToList();
        var relationships = await db.CustomerRelationships.AsNoTracking()
            .Where(r => ids.Contains(r.CustomerId) && r.RemovedAt == null)
            .Select(r => new { r.CustomerId, r.PartnerId, r.IndirectResellerId, r.EstablishedAt })
            .ToListAsync();
        var grants = await db.DelegatedAdminGrants.AsNoTracking()
            .Where(g => ids.Contains(g.CustomerId) && g.RevokedAt == null)
            .Select(g => new { g.CustomerId, g.Service })
            .ToListAsync();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.CustomerId))
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.CustomerId, Offer = s.Offer!.Name, s.Quantity, s.Status, ResellerMpn = db.Partners.Where(p => p.Id == s.ResellerId).Select(p => p.MpnId).FirstOrDefault() })
            .ToListAsync();
        var users = await db.Users.AsNoTracking().Where(u => u.CustomerId != null && ids.Contains(u.CustomerId.Value))
            .OrderBy(u => u.Email).Select(u => new { CustomerId = u.CustomerId!.Value, u.Email }).ToListAsync();
        var resellerIds = relationships.Where(r => r.IndirectResellerId != null).Select(r => r.IndirectResellerId!.Value).Distinct().ToList();
        var resellerNames = await db.Partners.AsNoTracking()
            .Where(p => resellerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName);

        Customers = page.Select(c =>
            {
                // The query filter returns only this partner's relationships and grants.
                var relationship = relationships.First(r => r.CustomerId == c.Id);
                return new CustomerRow(
                c.Id,
                c.CompanyName,
                c.Domain,
                CountryNames.Display(c.Country),
                CloudPolicies.For(c.Cloud).DisplayName,
                relationship.EstablishedAt,
                relationship.IndirectResellerId is { } r ? resellerNames.GetValueOrDefault(r) : null,
                relationship.PartnerId == partnerId,
                grants.Where(g => g.CustomerId == c.Id).Select(g => g.Service).ToList(),
                c.Agreement,
                subscriptions.Where(s => s.CustomerId == c.Id).Select(s => new SubscriptionRow(s.Id, s.Offer, s.Quantity, s.Status.ToString(), s.ResellerMpn)).ToList(),
                users.Where(u => u.CustomerId == c.Id).Select(u => u.Email ?? string.Empty).ToList());
            })
            .ToList();
    }
}
