using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Pages.AccessTemplates;

/// <summary>Access templates (issue 19): the partner's own, each line "security group → roles", and the starters to copy.</summary>
[Authorize(Policy = PortalPolicies.ViewAccessTemplates)]
public class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<AccessTemplate> Templates { get; private set; } = [];

    public sealed record GroupName(string Name, bool Deleted);

    /// <summary>The groups the lines name, deleted ones too (a line for a deleted group fails at its next assignment).</summary>
    public IReadOnlyDictionary<Guid, GroupName> Groups { get; private set; } = new Dictionary<Guid, GroupName>();

    public async Task OnGetAsync()
    {
        Templates = await db.AccessTemplates.AsNoTracking().Include(t => t.Lines).OrderBy(t => t.Name).ToListAsync();
        Groups = await db.SecurityGroups.IgnoreQueryFilters([QueryFilters.Deleted]).AsNoTracking()
            .ToDictionaryAsync(g => g.Id, g => new GroupName(g.Name, g.DeletedAt != null));
    }
}
