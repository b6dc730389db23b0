using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Features.Customers;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.Customers;

/// <summary>
/// Seed 000 steps 5-6: the partner's customers, paged and searched in the database, each expandable to its account,
/// services, users and licenses. A view reads only what closed rows show (one statement per index range, its count inside);
/// an opened row's record comes from <see cref="RecordModel"/>, or with the page for <c>?expand=id</c> (issue 20).
/// </summary>
[Authorize(Policy = PortalPolicies.ViewCustomers)]
public class IndexModel(CustomerList list, CustomerRecords records) : PageModel
{
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

    public IReadOnlyList<CustomerListRow> Customers { get; private set; } = [];
    public IReadOnlyList<ResellerOption> Resellers { get; private set; } = [];
    public SeekPager Pager { get; private set; } = SeekPager.Empty;

    public async Task OnGetAsync()
    {
        Resellers = await list.ResellerOptionsAsync(User);
        (Customers, Pager) = await list.PageAsync(User, Query, Reseller, SeekRequest.From(Request.Query));

        // The one record asked for opened (without JavaScript, or from a shared link): read like the fragment, with its checks.
        if (Expand is { } expand)
        {
            Expanded = await records.FindAsync(User, expand);
        }
    }
}
