using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.IndirectProviders;

/// <summary>The reseller's view of its partnerships (issue 4, item 3).</summary>
[Authorize(Policy = "CanManageIndirectResellers")]
public class IndexModel(PortalDbContext db, ITenant tenant) : PageModel
{
    public sealed record Row(string Name, string MpnId, string Country, DateTimeOffset Since);

    public IReadOnlyList<Row> Providers { get; private set; } = [];

    public async Task OnGetAsync() =>
        Providers = await db.ResellerPartnerships.AsNoTracking()
            .Where(p => p.ResellerId == tenant.PartnerId && p.RemovedAt == null)
            .Join(db.Partners, p => p.ProviderId, x => x.Id, (p, x) => new Row(x.DisplayName, x.MpnId, x.Country, p.EstablishedAt))
            .OrderBy(r => r.Name)
            .ToListAsync();
}
