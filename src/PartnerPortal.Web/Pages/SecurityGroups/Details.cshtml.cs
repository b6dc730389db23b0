using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.SecurityGroups;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.SecurityGroups;

/// <summary>One security group: its members (added from the organization's users), and the access it holds on customers.</summary>
[Authorize(Policy = PortalPolicies.ManageSecurityGroups)]
public class DetailsModel(PortalDbContext db, SecurityGroupCommands commands, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Person(Guid Id, string Email, string? Name);

    public sealed record Access(Guid RelationshipId, string Relationship, string? Customer, IReadOnlyList<EntraRole> Roles);

    public SecurityGroup Group { get; private set; } = null!;
    public IReadOnlyList<Person> Members { get; private set; } = [];
    public IReadOnlyList<Person> Others { get; private set; } = [];
    public IReadOnlyList<Access> Assignments { get; private set; } = [];

    [BindProperty]
    public Guid UserId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(Guid id) => await ActAsync(id, await commands.AddMemberAsync(User, id, UserId), l["Member added."]);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id) => await ActAsync(id, await commands.RemoveMemberAsync(User, id, UserId), l["Member removed."]);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var deleted = await commands.DeleteAsync(User, id);
        if (deleted.Succeeded)
        {
            TempData["StatusMessage"] = l["Security group deleted."].Value;
            return RedirectToPage("Index");
        }

        return await ActAsync(id, deleted, l["Security group deleted."]);
    }

    private async Task<IActionResult> ActAsync(Guid id, CommandResult<Guid> result, LocalizedString done)
    {
        if (!result.Succeeded && !await LoadAsync(id))
        {
            return NotFound();
        }

        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = done.Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var group = await db.SecurityGroups.AsNoTracking().Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id);
        if (group is null)
        {
            return false;
        }

        Group = group;
        var memberIds = group.Members.Select(m => m.UserId).ToList();
        var people = await db.OrganizationUsers.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new Person(u.Id, u.Email ?? string.Empty, u.DisplayName)).Take(500).ToListAsync();
        Members = await db.OrganizationUsers.AsNoTracking().Where(u => memberIds.Contains(u.Id)).OrderBy(u => u.Email)
            .Select(u => new Person(u.Id, u.Email ?? string.Empty, u.DisplayName)).ToListAsync();
        Others = people.Where(p => !memberIds.Contains(p.Id)).ToList();
        var assignments = await db.AccessAssignments.AsNoTracking().Where(a => a.GroupId == id && a.RemovedAt == null)
            .Join(db.AdminRelationships, a => a.RelationshipId, r => r.Id, (a, r) => new { r.Id, r.DisplayName, r.CustomerName, a.Roles })
            .ToListAsync();
        Assignments = assignments.Select(a => new Access(a.Id, a.DisplayName, a.CustomerName, EntraRoles.InOrder(a.Roles))).ToList();
        return true;
    }
}
