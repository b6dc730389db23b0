using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>
/// Seed 000 steps 5-6: the partner's customers, paged and searched in the database, each expandable to its account,
/// services, users and licenses. A view reads only what closed rows show (one statement per index range, its count inside);
/// an opened row's record comes from <see cref="RecordModel"/>, or with the page for <c>?expand=id</c> (issue 20).
/// </summary>
[Authorize(Policy = PortalPolicies.ViewCustomers)]
public class IndexModel(PortalDbContext db, ITenant tenant, CustomerRecords records, PartnershipQueries partnerships) : PageModel
{
    public const int PageSize = 25;

    /// <summary>What a closed row shows: name, domain, country and the reseller tag. The rest loads when it is opened.</summary>
    public sealed record CustomerRow(Guid Id, string CompanyName, string Domain, string CountryName, string? ResellerName);

    public sealed record ResellerOption(Guid Id, string Name);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Reseller { get; set; }

    /// <summary>A record to show opened, server-side: the no-JavaScript path and a shared link (<c>?expand=id</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Expand { get; set; }

    /// <summary>The record named by <see cref="Expand"/>, when the user may see it.</summary>
    public CustomerRecord? Expanded { get; private set; }

    /// <summary>The list's own query string without <c>expand</c>, for each row's link.</summary>
    public string ExpandLink(Guid id)
    {
        var query = Request.Query.Where(p => !string.Equals(p.Key, "expand", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .Append(KeyValuePair.Create("expand", (string?)id.ToString()));
        return Microsoft.AspNetCore.Http.QueryString.Create(query).ToUriComponent();
    }

    public IReadOnlyList<CustomerRow> Customers { get; private set; } = [];
    public IReadOnlyList<ResellerOption> Resellers { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    private sealed record Row(Guid Id, string Name, string Domain, string Country, string? ResellerName);

    /// <summary>A row with the count of its range (capped), read in the same statement: one round trip per range.</summary>
    private sealed record CountedRow(Row Row, int Total);

    public async Task OnGetAsync()
    {
        var partnerId = tenant.PartnerId!.Value;

        // Only an indirect provider partners with resellers, so only its list filters by one.
        if (User.IsPartnerOfKind(PartnerKind.IndirectProvider))
        {
            var partneredResellerIds = partnerships.ActiveResellerIds(partnerId);
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
            var total = Search(range).OrderBy(r => r.CustomerName).ThenBy(r => r.CustomerId).Take(cap + 1);
            var found = await Seek(Search(range), request).Take(PageSize + 1).Select(r => new CountedRow(r, total.Count())).ToListAsync();
            rows.AddRange(found.Select(f => f.Row));

            // A page past the end of the list has no row to carry the count: counted on its own (only a hand-made link gets here).
            counted += found.Count > 0 ? found[0].Total : request.Direction is SeekDirection.First or SeekDirection.Last ? 0 : await total.CountAsync();
        }

        rows = (request.Forward ? rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id) : rows.OrderByDescending(r => r.Name, StringComparer.Ordinal).ThenByDescending(r => r.Id))
            .Take(PageSize + 1).ToList();
        var seek = SeekPager.Of(request, rows, PageSize, r => SeekRequest.Cursor(r.Name, r.Id), CappedCount.Of(counted, cap));
        Pager = seek.Pager;
        Customers = seek.Rows.Select(c => new CustomerRow(c.Id, c.Name, c.Domain, CountryNames.Display(c.Country), c.ResellerName)).ToList();

        // The one record asked for opened (without JavaScript, or from a shared link): read like the fragment, with its checks.
        if (Expand is { } expand)
        {
            Expanded = await records.FindAsync(User, expand);
        }
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
        return range.Seek(r => r.CustomerName, r => r.CustomerId, SeekOrder.Ascending, request, request.Key).Join(
            db.CustomersOfScopedRelationships,
            r => r.CustomerId,
            c => c.Id,
            (r, c) => new Row(
                c.Id,
                r.CustomerName,
                r.CustomerDomain,
                c.Country,
                db.Partners.Where(p => p.Id == r.IndirectResellerId).Select(p => p.DisplayName).FirstOrDefault()));
    }
}
