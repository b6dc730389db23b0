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
public class DetailsModel(PortalDbContext db, AdminRelationshipCommands commands, AccessChangeJob accessChanges, TimeProvider clock, IConfiguration configuration, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record AssignmentRow(Guid Id, string Group, IReadOnlyList<EntraRole> Roles, AccessAssignmentState State);

    /// <summary>How many of the latest access changes (operations) the page lists.</summary>
    public const int OperationsShown = 10;

    public sealed record GroupOption(Guid Id, string Name);

    public AdminRelationship Relationship { get; private set; } = null!;
    public AdminRelationshipPhase Phase { get; private set; }
    public DateTimeOffset? EndsAt { get; private set; }
    public string? LinkUrl { get; private set; }
    public IReadOnlyList<EntraRole> Roles { get; private set; } = [];
    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];
    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];
    public IReadOnlyList<AdminRelationshipOperation> Operations { get; private set; } = [];

    /// <summary>Global Administrator can be taken out of this relationship now (in force, with another role to keep).</summary>
    public bool CanRemoveGlobalAdministrator => Relationship.CheckRemoveGlobalAdministrator(clock.GetUtcNow()).Succeeded;

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
        ActAsync(id, async () => Wrap(await commands.AssignAsync(User, id, GroupId, AssignRoles)), l["Access assigned."], applies: true);

    public Task<IActionResult> OnPostChangeAssignmentAsync(Guid id, Guid assignmentId) =>
        ActAsync(id, async () =>
        {
            var queued = await commands.ChangeAssignmentAsync(User, id, assignmentId, AssignRoles);
            return queued is { Succeeded: true, Value: null } ? new(CommandStatus.Done, Unchanged) : Wrap(queued);
        }, l["Access changed."], applies: true);

    public Task<IActionResult> OnPostRemoveGlobalAdministratorAsync(Guid id) =>
        ActAsync(id, async () => Wrap(await commands.RemoveGlobalAdministratorAsync(User, id)), l["Global Administrator was removed from this relationship and from every security group's access."], applies: true);

    public Task<IActionResult> OnPostRemoveAssignmentAsync(Guid id, Guid assignmentId) =>
        ActAsync(id, async () => Wrap(await commands.RemoveAssignmentAsync(User, id, assignmentId)), l["Access removed."]);

    private static readonly object Unchanged = new();

    private static CommandResult<object> Wrap<T>(CommandResult<T> result) => new(result.Status, result.Value, result.Error);

    /// <summary>
    /// Runs the command; a change the access job applies (<paramref name="applies"/>) is applied before the page answers, so the
    /// person sees its outcome: done, refused with the job's reason, or, if the job could not run just now, still pending.
    /// </summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<Task<CommandResult<object>>> act, LocalizedString done, bool applies = false)
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

        if (ReferenceEquals(result.Value, Unchanged))
        {
            TempData["StatusMessage"] = l["The roles are the ones the group already has; nothing changed."].Value;
            return RedirectToPage(new { id, confirm = (string?)null });
        }

        if (applies)
        {
            await accessChanges.RunRelationshipAsync(id, HttpContext.RequestAborted);
            if (result.Value is AdminRelationshipOperation operation
                && await db.AdminRelationshipOperations.AsNoTracking().SingleAsync(o => o.Id == operation.Id) is { Status: AdminRelationshipOperationStatus.Failed } failed)
            {
                TempData["StatusMessage"] = l[failed.FailureMessage ?? "The change could not be applied."].Value;
                return RedirectToPage(new { id, confirm = (string?)null });
            }
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
            .Select(a => new AssignmentRow(a.Id, groups.FirstOrDefault(g => g.Id == a.GroupId)?.Name ?? string.Empty, EntraRoles.InOrder(a.Roles), a.State))
            .OrderBy(a => a.Group, StringComparer.CurrentCulture)
            .ToList();
        Operations = await db.AdminRelationshipOperations.AsNoTracking().Where(o => o.RelationshipId == id)
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(OperationsShown).ToListAsync();
        return true;
    }
}
