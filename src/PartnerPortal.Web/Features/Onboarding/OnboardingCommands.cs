using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Onboarding;

/// <summary>A row a person asked to change and why it was not.</summary>
public sealed record RefusedOnboarding(string Customer, Domain.Common.DomainError Error);

public sealed record OnboardingChange(int Changed, IReadOnlyList<RefusedOnboarding> Refused);

/// <summary>
/// Retry and Cancel (issue 19), for one onboarding or a selection of any size. The rows are locked in id order (so a bulk click
/// and the job, or two clicks, never cross), each row is changed or refused with its reason, and the others go through.
/// Cancelling before the customer approved withdraws the request; after it, the relationship stays and the pipeline stops.
/// </summary>
public sealed class OnboardingCommands(PortalDbContext db, AuditTrail audit, OnboardingJob job, TimeProvider clock)
{
    public Task<CommandResult<OnboardingChange>> RetryAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids) =>
        ChangeAsync(user, ids, async (row, now) =>
        {
            var retried = row.Retry();
            if (retried.Succeeded && row.State == OnboardingState.AwaitingApproval && row.SentInvitationId is { } sentId)
            {
                var sent = await db.SentInvitations.SingleAsync(s => s.Id == sentId);
                sent.Retry(now);
            }

            if (retried.Succeeded)
            {
                audit.Record("OnboardingRetried", row.PartnerId, row.CustomerId, Subject(row), null, new { State = row.State.ToString() });
            }

            return retried;
        });

    public Task<CommandResult<OnboardingChange>> CancelAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids) =>
        ChangeAsync(user, ids, async (row, now) =>
        {
            var cancelled = row.Cancel(now);
            if (!cancelled.Succeeded)
            {
                return cancelled;
            }

            if (cancelled.Value && row.RelationshipId is { } relationshipId)
            {
                // Already ended elsewhere (the customer rejected it as the click came): nothing more to withdraw.
                var relationship = await db.LockedAdminRelationshipAsync(relationshipId);
                AdminRelationshipChanges.Terminate(db, relationship, now, AdminRelationshipChanges.Into(audit));
            }

            audit.Record("OnboardingCancelled", row.PartnerId, row.CustomerId, Subject(row), null, new { Withdrawn = cancelled.Value });
            return cancelled;
        });

    private async Task<CommandResult<OnboardingChange>> ChangeAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> ids, Func<Domain.Onboarding.Onboarding, DateTimeOffset, Task<Domain.Common.Result>> change)
    {
        if (!user.Has(Permission.ManageAdminRelationships))
        {
            return CommandResult<OnboardingChange>.Forbidden;
        }

        var distinct = ids.Distinct().Order().ToArray();
        if (distinct.Length == 0)
        {
            return CommandResult<OnboardingChange>.Refused(PortalRefusals.Onboarding.SelectionRequired);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var visible = await db.Onboardings.Where(o => distinct.Contains(o.Id)).Select(o => o.Id).OrderBy(i => i).ToArrayAsync();
        if (visible.Length != distinct.Length)
        {
            return CommandResult<OnboardingChange>.NotFound;
        }

        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Onboardings" WHERE "Id" = ANY ({visible}) ORDER BY "Id" FOR UPDATE""");
        var rows = await db.Onboardings.Where(o => visible.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync();
        var now = clock.GetUtcNow();
        var refused = new List<RefusedOnboarding>();
        var changed = 0;
        foreach (var row in rows)
        {
            var done = await change(row, now);
            if (done.Succeeded)
            {
                changed++;
            }
            else
            {
                refused.Add(new RefusedOnboarding(row.CompanyName, done.Error!));
            }
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        job.Nudge();
        return CommandResult<OnboardingChange>.Done(new OnboardingChange(changed, refused));
    }

    private static string Subject(Domain.Onboarding.Onboarding row) => $"{row.TemplateName} ({row.CompanyName})";
}
