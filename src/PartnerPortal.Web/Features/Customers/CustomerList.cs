using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Partners;
using PartnerPortal.Domain.Relationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Data.Configurations;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Customers;

/// <summary>What a closed row of the Customers page shows: name, domain, country and the reseller tag. The rest loads when it is opened.</summary>
public sealed record CustomerListRow(Guid Id, string CompanyName, string Domain, string CountryName, string? ResellerName);

/// <summary>A reseller the list can be filtered by.</summary>
public sealed record ResellerOption(Guid Id, string Name);

/// <summary>
/// The signed-in partner's customers as the Customers page and <c>GET /v1/customers</c> both read them: its active
/// relationships, ordered by (customer name, customer id) on an index that starts with the partner (as billing partner, as the
/// associated reseller, or as a provider filtering by one reseller), so each page is one index range whatever the partner's
/// size. An indirect reseller's list merges two such ranges.
/// </summary>
public sealed class CustomerList(PortalDbContext db, PartnershipQueries partnerships)
{
    public const int PageSize = 25;

    private sealed record Row(Guid Id, string Name, string Domain, string Country, string? ResellerName);

    /// <summary>A row with the count of its range (capped), read in the same statement: one round trip per range.</summary>
    private sealed record CountedRow(Row Row, int Total);

    /// <summary>The index ranges the partner's list is read from, filtered to one reseller's customers when asked.</summary>
    public IReadOnlyList<IQueryable<CustomerRelationship>> Ranges(ClaimsPrincipal user, Guid? reseller)
    {
        var ranges = new List<IQueryable<CustomerRelationship>>
        {
            reseller is { } resellerId
                ? db.RelationshipsBilledBySignedInPartner.Where(r => r.IndirectResellerId == resellerId)
                : db.RelationshipsBilledBySignedInPartner,
        };
        if (reseller is null && user.IsPartnerOfKind(PartnerKind.IndirectReseller))
        {
            ranges.Add(db.RelationshipsResoldBySignedInPartner);
        }

        return ranges;
    }

    /// <summary>The rows of each range merged into one page's order (the ranges' own order, seek direction included).</summary>
    public static List<T> Merge<T>(IEnumerable<T> rows, bool forward, int size, Func<T, string> name, Func<T, Guid> id) =>
        (forward ? rows.OrderBy(name, StringComparer.Ordinal).ThenBy(id) : rows.OrderByDescending(name, StringComparer.Ordinal).ThenByDescending(id))
            .Take(size + 1).ToList();

    /// <summary>Only an indirect provider partners with resellers, so only its list filters by one: its partnered resellers by name.</summary>
    public async Task<IReadOnlyList<ResellerOption>> ResellerOptionsAsync(ClaimsPrincipal user)
    {
        if (!user.IsPartnerOfKind(PartnerKind.IndirectProvider) || user.PartnerId() is not { } partnerId)
        {
            return [];
        }

        var partneredResellerIds = partnerships.ActiveResellerIds(partnerId);
        return await db.Partners.Where(p => partneredResellerIds.Contains(p.Id)).OrderBy(p => p.DisplayName)
            .Select(p => new ResellerOption(p.Id, p.DisplayName)).ToListAsync();
    }

    /// <summary>One page of the Customers page: the rows a closed record shows, searched by company name or domain.</summary>
    public async Task<SeekPage<CustomerListRow>> PageAsync(ClaimsPrincipal user, string? query, Guid? reseller, SeekRequest request)
    {
        var rows = new List<Row>();
        var counted = 0;
        var cap = string.IsNullOrWhiteSpace(query) ? CappedCount.Cap : CappedCount.SearchCap;
        foreach (var range in Ranges(user, reseller))
        {
            var searched = Search(range, query);
            var total = searched.OrderBy(r => r.CustomerName).ThenBy(r => r.CustomerId).Take(cap + 1);
            var found = await Seek(searched, request).Take(PageSize + 1).Select(r => new CountedRow(r, total.Count())).ToListAsync();
            rows.AddRange(found.Select(f => f.Row));

            // A page past the end of the list has no row to carry the count: counted on its own (only a hand-made link gets here).
            counted += found.Count > 0 ? found[0].Total : request.Direction is SeekDirection.First or SeekDirection.Last ? 0 : await total.CountAsync();
        }

        var seek = SeekPager.Of(request, Merge(rows, request.Forward, PageSize, r => r.Name, r => r.Id), PageSize, r => SeekRequest.Cursor(r.Name, r.Id), CappedCount.Of(counted, cap));
        return new(seek.Rows.Select(c => new CustomerListRow(c.Id, c.Name, c.Domain, CountryNames.Display(c.Country), c.ResellerName)).ToList(), seek.Pager);
    }

    /// <summary>
    /// The search box: company name or domain contains the text, in any case. PostgreSQL lower-cases the pattern as it did the
    /// stored search text (ILIKE's own rule), and the list index carries that text, so a search walks the index alone.
    /// </summary>
    private static IQueryable<CustomerRelationship> Search(IQueryable<CustomerRelationship> range, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return range;
        }

        var pattern = SearchPattern.Contains(query);
#pragma warning disable CA1304, CA1311 // PostgreSQL's lower() on the literal, the rule the stored text was lowered by; no .NET culture is involved.
        return range.Where(r => EF.Functions.Like(EF.Property<string>(r, CustomerSearch.Column), EF.Constant(pattern).ToLower(), SearchPattern.Escape));
#pragma warning restore CA1304, CA1311
    }

    /// <summary>The page's rows from one range: seek past the cursor in the direction asked, with each row's customer.</summary>
    private IQueryable<Row> Seek(IQueryable<CustomerRelationship> range, SeekRequest request) =>
        range.Seek(r => r.CustomerName, r => r.CustomerId, SeekOrder.Ascending, request, request.Key).Join(
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
