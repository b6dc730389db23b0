using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Onboarding;

/// <summary>What needs a person on a customer's access (issue 19).</summary>
public enum HealthProblem
{
    /// <summary>No admin relationship in force and none waiting for the customer.</summary>
    NoRelationship,

    /// <summary>Its last relationship expired or was terminated, and none replaced it.</summary>
    EndedNoReplacement,

    /// <summary>In force, ending within 30 days, auto-extend off.</summary>
    EndingSoon,

    /// <summary>An onboarded relationship whose groups no longer match its template (a group missing, or other roles).</summary>
    Drift,

    /// <summary>An onboarding stopped at a failed step.</summary>
    Failed,

    /// <summary>Delegated admin privileges (DAP) still held, with no granular relationship in force.</summary>
    DapWithoutGdap,

    /// <summary>A granular relationship is in force (the one replacing DAP was approved) and DAP is still held: remove DAP.</summary>
    DapBesideGdap,
}

public sealed record HealthRow(HealthProblem Problem, Guid? CustomerId, string CompanyName, string Domain, Guid? RelationshipId, string? RelationshipName, DateTimeOffset? EndsAt, Guid? OnboardingId, Guid? BatchId, string? Detail);

public sealed record HealthView(IReadOnlyDictionary<HealthProblem, int> Counts, IReadOnlyList<HealthRow> Rows, bool More);

/// <summary>
/// Access health: per customer, what needs a person, each problem a query in the database (counted for the tiles, a page of
/// rows for the list), and the one-click fix for a drift: give the template's groups their roles again.
/// </summary>
public sealed class AccessHealth(PortalDbContext db, AuditTrail audit, AccessChangeJob accessChanges, TimeProvider clock)
{
    public const int PageSize = 200;

    /// <summary>
    /// The counts of every problem, and rows: with <paramref name="only"/> one problem's, from <paramref name="skip"/> on (its
    /// pages); without it, the first <paramref name="take"/> of all problems.
    /// </summary>
    public async Task<HealthView> ReadAsync(HealthProblem? only, string? search, int take = PageSize, int skip = 0)
    {
        skip = only is null ? 0 : Math.Max(0, skip);
        var now = clock.GetUtcNow();
        var counts = new Dictionary<HealthProblem, int>();
        var rows = new List<HealthRow>();
        var pattern = string.IsNullOrWhiteSpace(search) ? null : SearchPattern.Contains(search);
        var customers = db.Customers.AsNoTracking().Where(c => pattern == null || EF.Functions.ILike(c.CompanyName, pattern, SearchPattern.Escape) || EF.Functions.ILike(c.Domain, pattern, SearchPattern.Escape));
        var inForce = db.AdminRelationships.Where(AdminRelationshipPhases.InForce(now));
        var waiting = db.AdminRelationships.Where(AdminRelationshipPhases.AwaitingApproval);
        var ended = db.AdminRelationships.Where(r => r.Status == AdminRelationshipStatus.Expired
            || (r.Status == AdminRelationshipStatus.Terminated && (r.EndReason == AdminRelationshipEnd.TerminatedByCustomer || r.EndReason == AdminRelationshipEnd.TerminatedByPartner)));

        var uncovered = customers.Where(c => !inForce.Any(r => r.CustomerId == c.Id) && !waiting.Any(r => r.CustomerId == c.Id));
        await AddAsync(HealthProblem.NoRelationship, uncovered.Where(c => !ended.Any(r => r.CustomerId == c.Id)).OrderBy(c => c.CompanyName).ThenBy(c => c.Domain)
            .Select(c => new HealthRow(HealthProblem.NoRelationship, c.Id, c.CompanyName, c.Domain, null, null, null, null, null, null)));
        await AddAsync(HealthProblem.EndedNoReplacement, uncovered.Where(c => ended.Any(r => r.CustomerId == c.Id)).OrderBy(c => c.CompanyName).ThenBy(c => c.Domain)
            .Select(c => new HealthRow(HealthProblem.EndedNoReplacement, c.Id, c.CompanyName, c.Domain, null, ended.Where(r => r.CustomerId == c.Id).OrderByDescending(r => r.EndedAt).Select(r => r.DisplayName).First(), null, null, null, null)));
        await AddAsync(HealthProblem.EndingSoon, db.AdminRelationships.AsNoTracking().Where(AdminRelationshipPhases.EndingWithin(now, AdminRelationshipRules.ExpiringWithinDays)).Where(r => !r.AutoExtend)
            .Join(customers, r => r.CustomerId, c => c.Id, (r, c) => new { r, c }).OrderBy(x => x.c.CompanyName).ThenBy(x => x.r.EndsAt)
            .Select(x => new HealthRow(HealthProblem.EndingSoon, x.c.Id, x.c.CompanyName, x.c.Domain, x.r.Id, x.r.DisplayName, x.r.EndsAt, null, null, null)));
        await AddAsync(HealthProblem.Failed, db.Onboardings.AsNoTracking().Where(o => o.State == OnboardingState.Failed)
            .Where(o => pattern == null || EF.Functions.ILike(o.CompanyName, pattern, SearchPattern.Escape) || EF.Functions.ILike(o.Domain, pattern, SearchPattern.Escape))
            .OrderBy(o => o.CompanyName).ThenBy(o => o.Domain)
            .Select(o => new HealthRow(HealthProblem.Failed, o.CustomerId, o.CompanyName, o.Domain, o.RelationshipId, o.TemplateName, null, o.Id, o.BatchId, o.FailureMessage)));
        await AddAsync(HealthProblem.DapWithoutGdap, customers.Where(c => db.DelegatedAdminGrants.Any(g => g.CustomerId == c.Id && g.RevokedAt == null) && !inForce.Any(r => r.CustomerId == c.Id))
            .OrderBy(c => c.CompanyName).ThenBy(c => c.Domain)
            .Select(c => new HealthRow(HealthProblem.DapWithoutGdap, c.Id, c.CompanyName, c.Domain, null, null, null, null, null, null)));
        await AddAsync(HealthProblem.DapBesideGdap, customers.Where(c => db.DelegatedAdminGrants.Any(g => g.CustomerId == c.Id && g.RevokedAt == null) && inForce.Any(r => r.CustomerId == c.Id))
            .OrderBy(c => c.CompanyName).ThenBy(c => c.Domain)
            .Select(c => new HealthRow(HealthProblem.DapBesideGdap, c.Id, c.CompanyName, c.Domain, null, inForce.Where(r => r.CustomerId == c.Id).OrderByDescending(r => r.ActivatedAt).Select(r => r.DisplayName).First(), null, null, null, null)));

        var drift = await DriftAsync(now, pattern);
        counts[HealthProblem.Drift] = drift.Count;
        if (only is null or HealthProblem.Drift)
        {
            rows.AddRange(drift.Skip(skip).Take(take));
        }

        var ordered = rows.OrderBy(r => r.Problem).ThenBy(r => r.CompanyName, StringComparer.CurrentCulture).ToList();
        return new HealthView(counts, ordered.Take(take).ToList(), ordered.Count > take || (only is { } one && counts[one] > skip + take));

        async Task AddAsync(HealthProblem problem, IQueryable<HealthRow> query)
        {
            counts[problem] = await query.CountAsync();
            if (only is null || only == problem)
            {
                rows.AddRange(await query.Skip(skip).Take(take).ToListAsync());
            }
        }
    }

    /// <summary>Active onboardings whose relationship is in force and whose groups differ from their template's lines now.</summary>
    private async Task<List<HealthRow>> DriftAsync(DateTimeOffset now, string? pattern)
    {
        var onboarded = await db.Onboardings.AsNoTracking().Where(o => o.State == OnboardingState.Active)
            .Where(o => pattern == null || EF.Functions.ILike(o.CompanyName, pattern, SearchPattern.Escape) || EF.Functions.ILike(o.Domain, pattern, SearchPattern.Escape))
            .Join(db.AdminRelationships.Where(AdminRelationshipPhases.InForce(now)).Include(r => r.Assignments), o => o.RelationshipId, r => r.Id, (o, r) => new { Onboarding = o, Relationship = r })
            .ToListAsync();
        var templateIds = onboarded.Select(x => x.Onboarding.TemplateId).Distinct().ToArray();
        var templates = await db.AccessTemplates.AsNoTracking().Include(t => t.Lines).Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        var rows = new List<HealthRow>();
        foreach (var x in onboarded)
        {
            var lines = LinesOf(templates.GetValueOrDefault(x.Onboarding.TemplateId), x.Onboarding);
            if (lines.Any(l => !Holds(x.Relationship, l.GroupId, l.Roles)))
            {
                rows.Add(new HealthRow(HealthProblem.Drift, x.Onboarding.CustomerId ?? x.Relationship.CustomerId, x.Onboarding.CompanyName, x.Onboarding.Domain, x.Relationship.Id, x.Relationship.DisplayName, x.Relationship.EndsAt, x.Onboarding.Id, x.Onboarding.BatchId, x.Onboarding.TemplateName));
            }
        }

        return rows.OrderBy(r => r.CompanyName, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// Re-assign groups: gives each of the template's groups its line's roles on the onboarded relationship again (assigns a
    /// missing one, changes one with other roles), under the relationship's row lock. Roles the customer did not approve are
    /// refused by the relationship, as on its page.
    /// </summary>
    public async Task<CommandResult<int>> ReassignAsync(ClaimsPrincipal user, Guid onboardingId)
    {
        if (!user.Has(Permission.ManageAdminRelationships))
        {
            return CommandResult<int>.Forbidden;
        }

        var onboarding = await db.Onboardings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == onboardingId);
        if (onboarding?.RelationshipId is not { } relationshipId)
        {
            return CommandResult<int>.NotFound;
        }

        var template = await db.AccessTemplates.AsNoTracking().Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == onboarding.TemplateId);
        var lines = LinesOf(template, onboarding);
        var groupIds = lines.Select(l => l.GroupId).ToArray();
        var groups = await db.SecurityGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name);

        await using var transaction = await db.Database.BeginTransactionAsync();
        var relationship = await db.LockedAdminRelationshipAsync(relationshipId);
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var (groupId, roles) in lines)
        {
            if (!groups.TryGetValue(groupId, out var name))
            {
                return CommandResult<int>.Refused(PortalRefusals.Onboarding.GroupGone, onboarding.Plan.FirstOrDefault(p => p.GroupId == groupId)?.GroupName ?? groupId.ToString());
            }

            if (Holds(relationship, groupId, roles))
            {
                continue;
            }

            // What the group held, read before the change (the assignment is changed in place).
            var held = relationship.Assignments.SingleOrDefault(a => a.IsActive && a.GroupId == groupId);
            if (held is null)
            {
                var assigned = AdminRelationshipChanges.Assign(relationship, groupId, name, roles, now, AdminRelationshipChanges.Into(audit));
                if (!assigned.Succeeded)
                {
                    return CommandResult<int>.Refused(assigned.Error!);
                }
            }
            else
            {
                var before = held.Roles;
                var result = relationship.ChangeAssignment(held.Id, roles, now);
                if (!result.Succeeded)
                {
                    return CommandResult<int>.Refused(result.Error!);
                }

                audit.Record("AccessAssignmentChanged", relationship.PartnerId, relationship.CustomerId, AdminRelationshipCommands.Subject(relationship),
                    new { Group = name, Roles = AdminRelationshipCommands.RoleNames(before) }, new { Group = name, Roles = AdminRelationshipCommands.RoleNames(roles) });
            }

            changed++;
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        // A group newly assigned is pending until the access job applies it: done now, so the page shows the outcome.
        await accessChanges.RunRelationshipAsync(relationshipId);
        return CommandResult<int>.Done(changed);
    }

    /// <summary>The lines an onboarding should hold: its template's as it is now, or its own copy when the template was deleted.</summary>
    private static List<(Guid GroupId, Guid[] Roles)> LinesOf(AccessTemplate? template, Domain.Onboarding.Onboarding onboarding) =>
        template?.Lines.Select(l => (l.GroupId, l.Roles)).ToList() ?? onboarding.Plan.Select(p => (p.GroupId, p.Roles)).ToList();

    /// <summary>Whether the group holds exactly these roles on the relationship now.</summary>
    private static bool Holds(AdminRelationship relationship, Guid groupId, Guid[] roles) =>
        relationship.Assignments.SingleOrDefault(a => a.IsActive && a.GroupId == groupId) is { } held && held.Roles.Order().SequenceEqual(roles.Order());
}
