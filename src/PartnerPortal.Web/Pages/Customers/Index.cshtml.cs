using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Partners;
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
public class IndexModel(PortalDbContext db, ITenant tenant, CustomerAdminRoles adminRoles) : PageModel
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
        IReadOnlyList<string> Users,
        CustomerAdminRights AdminRights,
        bool GdapOffered)
    {
        /// <summary>The customer's users are admin details: shown only to a user holding a role there (issue 10).</summary>
        public bool ShowsUsers => AdminRights.Can(CustomerCapability.ViewUsers);

        /// <summary>Where the partner holds admin rights, removing the relationship needs Global Administrator there too.</summary>
        public bool MayRemoveWithAdminRights => !AdminRights.PartnerHoldsAdminRights || AdminRights.Can(CustomerCapability.RemoveRelationship);
    }

    public sealed record ResellerOption(Guid Id, string Name);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Reseller { get; set; }

    public IReadOnlyList<CustomerRow> Customers { get; private set; } = [];
    public IReadOnlyList<ResellerOption> Resellers { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    private sealed record Row(Guid Id, string Name, string Domain, string Country, Cloud Cloud, string? Agreement, Guid PartnerId, Guid? ResellerId, string? ResellerName, DateTimeOffset Since);

    private sealed record UserRow(Guid CustomerId, string? Email);

    public async Task OnGetAsync()
    {
        var partnerId = tenant.PartnerId!.Value;

        // Only an indirect provider partners with resellers, so only its list filters by one.
        if (User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            var partneredResellerIds = db.ResellerPartnerships.Where(p => p.ProviderId == partnerId && p.RemovedAt == null).Select(p => p.ResellerId);
            Resellers = await db.Partners.Where(p => partneredResellerIds.Contains(p.Id)).OrderBy(p => p.DisplayName)
                .Select(p => new ResellerOption(p.Id, p.DisplayName)).ToListAsync();
        }

        // The partner's customers are its active relationships, ordered by (customer name, customer id) on an index that starts
        // with the partner (as billing partner, as the associated reseller, or as a provider filtering by one reseller): each
        // page is one index range, whatever the partner's size. An indirect reseller's list merges two such ranges.
        var request = SeekRequest.From(Request.Query);
        var ranges = new List<IQueryable<CustomerRelationship>>
        {
            Reseller is { } resellerId
                ? db.RelationshipsBilledBySignedInPartner.Where(r => r.IndirectResellerId == resellerId)
                : db.RelationshipsBilledBySignedInPartner,
        };
        if (Reseller is null && User.IsPartnerOfKind(PartnerKind.IndirectReseller))
        {
            ranges.Add(db.RelationshipsResoldBySignedInPartner);
        }

        var rows = new List<Row>();
        var counted = 0;
        var cap = string.IsNullOrWhiteSpace(Query) ? CappedCount.Cap : CappedCount.SearchCap;
        foreach (var range in ranges)
        {
            rows.AddRange(await Seek(Search(range), request).Take(PageSize + 1).ToListAsync());
            counted += await Search(range).OrderBy(r => r.CustomerName).ThenBy(r => r.CustomerId).Take(cap + 1).CountAsync();
        }

        rows = (request.Forward ? rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id) : rows.OrderByDescending(r => r.Name, StringComparer.Ordinal).ThenByDescending(r => r.Id))
            .Take(PageSize + 1).ToList();
        var seek = SeekPager.Of(request, rows, PageSize, r => SeekRequest.Cursor(r.Name, r.Id), CappedCount.Of(counted, cap));
        Pager = seek.Pager;
        var page = seek.Rows;

        // Everything else about the page's customers in a few queries bounded by the page's ids.
        var ids = page.Select(c => c.Id).ToList();

        // The user's admin roles on each customer, and the partner's delegated admin there (shown on the record).
        var rights = await adminRoles.ForAsync(User, ids);
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.CustomerId))
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.CustomerId, Offer = s.Offer!.Name, s.Quantity, s.Status, ResellerMpn = db.Partners.Where(p => p.Id == s.ResellerId).Select(p => p.MpnId).FirstOrDefault() })
            .ToListAsync();
        var viewable = ids.Where(id => rights[id].Can(CustomerCapability.ViewUsers)).ToList();
        List<UserRow> users = viewable.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => u.CustomerId != null && viewable.Contains(u.CustomerId.Value))
            .OrderBy(u => u.Email).Select(u => new UserRow(u.CustomerId!.Value, u.Email)).ToListAsync();

        Customers = page.Select(c => new CustomerRow(
                c.Id,
                c.Name,
                c.Domain,
                CountryNames.Display(c.Country),
                CloudPolicies.For(c.Cloud).DisplayName,
                c.Since,
                c.ResellerName,
                c.PartnerId == partnerId,
                rights[c.Id].DelegatedAdmin,
                c.Agreement,
                subscriptions.Where(s => s.CustomerId == c.Id).Select(s => new SubscriptionRow(s.Id, s.Offer, s.Quantity, s.Status.ToString(), s.ResellerMpn)).ToList(),
                users.Where(u => u.CustomerId == c.Id).Select(u => u.Email ?? string.Empty).ToList(),
                rights[c.Id],
                CloudPolicies.For(c.Cloud).GdapOffered))
            .ToList();
    }

    /// <summary>The search box: company name or domain contains the text (trigram indexes serve rare matches).</summary>
    private IQueryable<CustomerRelationship> Search(IQueryable<CustomerRelationship> range)
    {
        if (string.IsNullOrWhiteSpace(Query))
        {
            return range;
        }

        var pattern = SearchPattern.Contains(Query);
        return range.Where(r => EF.Functions.ILike(r.CustomerName, EF.Constant(pattern)) || EF.Functions.ILike(r.CustomerDomain, EF.Constant(pattern)));
    }

    /// <summary>The page's rows from one range: seek past the cursor in the direction asked, with each row's customer.</summary>
    private IQueryable<Row> Seek(IQueryable<CustomerRelationship> range, SeekRequest request)
    {
        var (key, id) = (request.Key, request.Id);
        var sought = request.Direction switch
        {
            SeekDirection.After => range.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.CustomerName, r.CustomerId), ValueTuple.Create(key, id))),
            SeekDirection.Before => range.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.CustomerName, r.CustomerId), ValueTuple.Create(key, id))),
            _ => range,
        };
        var ordered = request.Forward
            ? sought.OrderBy(r => r.CustomerName).ThenBy(r => r.CustomerId)
            : sought.OrderByDescending(r => r.CustomerName).ThenByDescending(r => r.CustomerId);
        return ordered.Join(
            db.CustomersOfScopedRelationships,
            r => r.CustomerId,
            c => c.Id,
            (r, c) => new Row(
                c.Id,
                r.CustomerName,
                r.CustomerDomain,
                c.Country,
                c.Cloud,
                c.AgreementAcceptance == null ? null : c.AgreementAcceptance.AgreementVersion,
                r.PartnerId,
                r.IndirectResellerId,
                db.Partners.Where(p => p.Id == r.IndirectResellerId).Select(p => p.DisplayName).FirstOrDefault(),
                r.EstablishedAt));
    }
}
