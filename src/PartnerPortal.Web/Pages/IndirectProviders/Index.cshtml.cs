using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.IndirectResellers;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Pages.IndirectProviders;

/// <summary>The reseller's view of its partnerships (issue 4, item 3).</summary>
[Authorize(Policy = PortalPolicies.ManageIndirectResellers)]
public class IndexModel(PortalDbContext db, ITenant tenant, PartnershipQueries partnerships) : PageModel
{
    public sealed record Row(string Name, string MpnId, string Country, DateTimeOffset Since);

    public IReadOnlyList<Row> Providers { get; private set; } = [];

    public async Task OnGetAsync() =>
        Providers = await partnerships.Active.AsNoTracking()
            .Where(p => p.ResellerId == tenant.PartnerId)
            .Join(db.Partners, p => p.ProviderId, x => x.Id, (p, x) => new { p, x })
            .OrderBy(j => j.x.DisplayName)
            .Select(j => new Row(j.x.DisplayName, j.x.MpnId, j.x.Country, j.p.EstablishedAt))
            .ToListAsync();
}
