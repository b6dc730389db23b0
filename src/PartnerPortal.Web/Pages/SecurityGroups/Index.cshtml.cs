using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.SecurityGroups;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.SecurityGroups;

/// <summary>The partner's security groups (issue 10): each with its member count and where it has access; create a new one.</summary>
[Authorize(Policy = PortalPolicies.ManageSecurityGroups)]
public class IndexModel(PortalDbContext db, SecurityGroupCommands commands, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Description, int Members, int Assignments);

    public IReadOnlyList<Row> Groups { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task OnGetAsync() =>
        Groups = await db.SecurityGroups.AsNoTracking().OrderBy(g => g.Name)
            .Select(g => new Row(g.Id, g.Name, g.Description, g.Members.Count, db.AccessAssignments.Count(a => a.GroupId == g.Id && a.RemovedAt == null)))
            .ToListAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var created = await commands.CreateAsync(User, Name, Description);
        if (!created.Succeeded)
        {
            await OnGetAsync();
        }

        if (this.Failure(created, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = l["Security group {0} created. Add its members.", Name!.Trim()].Value;
        return RedirectToPage("Details", new { id = created.Value });
    }
}
