using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Authorization;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>
/// One admin relationship, partner side (issue 10): what was asked and approved, its dates, auto-extend, terminate (or
/// withdraw a request), the approval link while pending, and access assignments of its roles to security groups.
/// </summary>
[Authorize(Policy = PortalPolicies.ManageAdminRelationships)]
public class DetailsModel(PortalDbContext db, AdminRelationshipCommands commands, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record AssignmentRow(Guid Id, string Group, IReadOnlyList<EntraRole> Roles);

    public sealed record GroupOption(Guid Id, string Name);

    public AdminRelationship Relationship { get; private set; } = null!;
    public AdminRelationshipPhase Phase { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public string? LinkUrl { get; private set; }
    public IReadOnlyList<EntraRole> Roles { get; private set; } = [];
    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];
    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];

    /// <summary>"terminate" while the user is asked to confirm.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    [BindProperty]
    public Guid GroupId { get; set; }

    [BindProperty]
    public List<Guid> AssignRoles { get; set; } = [];

    public bool InForce => Phase is AdminRelationshipPhase.Active or AdminRelationshipPhase.Expiring;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostAutoExtendAsync(Guid id, bool on) =>
        ActAsync(id, async () => Wrap(await commands.SetAutoExtendAsync(User, id, on)), on ? l["Auto-extend turned on."] : l["Auto-extend turned off."]);

    public Task<IActionResult> OnPostTerminateAsync(Guid id) =>
        ActAsync(id, async () => Wrap(await commands.TerminateAsync(User, id)), l["The admin relationship was ended. Your people's access to the customer through it has ended."]);

    public Task<IActionResult> OnPostAssignAsync(Guid id) =>
        ActAsync(id, async () => Wrap(await commands.AssignAsync(User, id, GroupId, AssignRoles)), l["Access assigned."]);

    public Task<IActionResult> OnPostChangeAssignmentAsync(Guid id, Guid assignmentId) =>
        ActAsync(id, async () => Wrap(await commands.ChangeAssignmentAsync(User, id, assignmentId, AssignRoles)), l["Access changed."]);

    public Task<IActionResult> OnPostRemoveAssignmentAsync(Guid id, Guid assignmentId) =>
        ActAsync(id, async () => Wrap(await commands.RemoveAssignmentAsync(User, id, assignmentId)), l["Access removed."]);

    private static CommandResult<object> Wrap<T>(CommandResult<T> result) => new(result.Status, result.Value, result.Error);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task<CommandResult<object>>> act, LocalizedString done)
    {
        var result = await act();
        if (!result.Succeeded && !await LoadAsync(id))
        {
            return NotFound();
        }

        if (this.Failure(result, l) is { } failure)
        {
            return failure;
        }

        TempData["StatusMessage"] = done.Value;
        return RedirectToPage(new { id, confirm = (string?)null });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var relationship = await db.AdminRelationships.AsNoTracking().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.Id == id);
        if (relationship is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        Relationship = relationship;
        Phase = relationship.PhaseAt(now);
        EndsAt = relationship.EndsAtAsOf(now);
        Roles = EntraRoles.InOrder(relationship.Roles);
        if (relationship.Status == AdminRelationshipStatus.ApprovalPending)
        {
            LinkUrl = InvitationLinks.Url(Request, relationship, configuration["Portal:PublicUrl"]);
        }

        var groups = await db.SecurityGroups.AsNoTracking().OrderBy(g => g.Name).Select(g => new GroupOption(g.Id, g.Name)).ToListAsync();
        Groups = groups;
        Assignments = relationship.Assignments.Where(a => a.IsActive)
            .Select(a => new AssignmentRow(a.Id, groups.FirstOrDefault(g => g.Id == a.GroupId)?.Name ?? string.Empty, EntraRoles.InOrder(a.Roles)))
            .OrderBy(a => a.Group, StringComparer.CurrentCulture)
            .ToList();
        return true;
    }
}
