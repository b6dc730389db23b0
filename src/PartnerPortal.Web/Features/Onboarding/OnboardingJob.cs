using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Onboarding;

public sealed class OnboardingJobOptions : RowClaimJobOptions
{
    public const string Section = "Onboarding";
}

/// <summary>What one run did.</summary>
public sealed record OnboardingJobRun(int Requested, int Approved, int Assigned, int Stopped, int Failed);

/// <summary>
/// Moves onboardings along (issue 19): sends each queued row's request (the relationship, its approval request and its email
/// in the outbox, in one transaction with the row's step), notes when the email was delivered, and when the customer has
/// approved gives the template's groups their roles. Rows are taken with <c>FOR UPDATE SKIP LOCKED</c>, a few per transaction:
/// two nodes never take the same row, and a node killed mid-batch leaves each row as it was before its transaction (the
/// next run, on any node, does it) or done, never half-made. Every step is audited.
/// </summary>
public sealed class OnboardingJob(
    DbContextOptions<PortalDbContext> dbOptions,
    AdminRelationshipEmails emails,
    AccessChangeJob accessChanges,
    TimeProvider clock,
    IOptions<OnboardingJobOptions> options,
    ILogger<OnboardingJob> logger) : RowClaimJob<OnboardingJobRun>(() => options.Value, logger)
{
    protected override OnboardingJobRun None => new(0, 0, 0, 0, 0);

    protected override OnboardingJobRun Add(OnboardingJobRun total, OnboardingJobRun run) =>
        new(total.Requested + run.Requested, total.Approved + run.Approved, total.Assigned + run.Assigned, total.Stopped + run.Stopped, total.Failed + run.Failed);

    protected override async Task<(bool Took, OnboardingJobRun Run)> RunTransactionAsync(int take, CancellationToken ct)
    {
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var window = now.AddDays(-OnboardingRules.ApprovalWindowDays);

        // The rows with something to do, locked; rows another node holds are skipped, not waited for.
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT o."Id" AS "Value" FROM "Onboardings" o
            LEFT JOIN "AdminRelationships" r ON r."Id" = o."RelationshipId"
            LEFT JOIN "SentInvitations" s ON s."Id" = o."SentInvitationId"
            WHERE o."State" IN ('Queued', 'AssigningGroups')
               OR (o."State" = 'AwaitingApproval' AND (r."Status" <> 'ApprovalPending' OR o."RequestedAt" < {window}
                   OR (o."EmailSentAt" IS NULL AND s."DeliveryStatus" <> 'Queued')))
            ORDER BY o."Id" LIMIT {take} FOR UPDATE OF o SKIP LOCKED
            """).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return (false, new(0, 0, 0, 0, 0));
        }

        var rows = await db.Onboardings.Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        var (requested, approved, assigned, stopped, failed) = (0, 0, 0, 0, 0);
        foreach (var row in rows)
        {
            switch (row.State)
            {
                case OnboardingState.Queued:
                    if (await RequestAsync(db, row, now, ct))
                    {
                        requested++;
                    }
                    else
                    {
                        failed++;
                    }

                    break;
                case OnboardingState.AwaitingApproval:
                    switch (await FollowAsync(db, row, now, ct))
                    {
                        case OnboardingState.AssigningGroups:
                            approved++;
                            break;
                        case OnboardingState.Failed:
                            failed++;
                            break;
                        case OnboardingState.AwaitingApproval:
                            break;
                        default:
                            stopped++;
                            break;
                    }

                    if (row.State == OnboardingState.AssigningGroups)
                    {
                        (assigned, failed) = await AssignAsync(db, row, now, ct) ? (assigned + 1, failed) : (assigned, failed + 1);
                    }

                    break;
                case OnboardingState.AssigningGroups:
                    (assigned, failed) = await AssignAsync(db, row, now, ct) ? (assigned + 1, failed) : (assigned, failed + 1);
                    break;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (assigned > 0)
        {
            // The groups' assignments are pending until the access job applies them; it does so now, not at its next poll.
            await accessChanges.RunOnceAsync(ct: ct);
        }

        return (true, new(requested, approved, assigned, stopped, failed));
    }

    /// <summary>The relationship, offered for approval, and its email in the outbox addressed to the customer.</summary>
    private async Task<bool> RequestAsync(PortalDbContext db, Domain.Onboarding.Onboarding row, DateTimeOffset now, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == row.PartnerId, ct);
        var batch = await db.OnboardingBatches.AsNoTracking().SingleAsync(b => b.Id == row.BatchId, ct);
        var roles = row.Plan.SelectMany(p => p.Roles).Distinct().ToList();
        // Names are unique among the partner's relationships not ended: a customer onboarded again while its last relationship
        // runs gets "<template> <domain> (2)".
        var name = await AdminRelationshipNames.AvailableAsync(db, partner.Id, row.RelationshipName, ct);
        var made = AdminRelationship.Request(partner.Id, partner.DisplayName, partner.Cloud, name, row.DurationDays, roles, row.AutoExtend, row.CustomerId, row.CompanyName, now);
        if (!made.Succeeded)
        {
            row.Fail(OnboardingStep.Request, made.Error!, now);
            Audit(db, "OnboardingFailed", row, new { Step = "Request", Reason = made.Error!.ToString() }, now);
            return false;
        }

        var relationship = made.Value;
        relationship.LockForApproval(now);
        db.AdminRelationships.Add(relationship);
        db.AdminRelationshipRequests.Add(new AdminRelationshipRequest(relationship, AdminRelationshipRequestAction.LockForApproval, now));

        var language = AdminRelationshipEmails.LanguageOf(partner.Cloud);
        var url = $"{batch.LinkOrigin}/AdminCenter/AdminRelationship/{relationship.Code}";
        var draft = emails.Request(relationship, url, batch.CreatedBy, language);
        var sent = new SentInvitation(relationship, row.Recipient, batch.CreatedBy, language, now);
        sent.SetMessage(draft.Subject, draft.Body.Replace(url, $"{url}?ref={sent.Id}", StringComparison.Ordinal));
        db.SentInvitations.Add(sent);
        row.Requested(relationship.Id, sent.Id, now);
        Audit(db, "AdminRelationshipRequested", row, AdminRelationshipCommands.Describe(relationship), now);
        Audit(db, "AdminRelationshipEmailSent", row, new { sent.Recipients, Relationship = relationship.DisplayName, Language = language }, now);
        return true;
    }

    /// <summary>What became of the request: delivered, approved, rejected, withdrawn elsewhere, or unanswered too long.</summary>
    private static async Task<OnboardingState> FollowAsync(PortalDbContext db, Domain.Onboarding.Onboarding row, DateTimeOffset now, CancellationToken ct)
    {
        var sent = await db.SentInvitations.AsNoTracking().SingleOrDefaultAsync(s => s.Id == row.SentInvitationId, ct);
        if (sent is { DeliveryStatus: DeliveryStatus.Sent, DeliveredAt: { } delivered })
        {
            row.EmailDelivered(delivered);
        }

        var relationship = await db.LockedAdminRelationshipAsync(row.RelationshipId!.Value, ct);
        switch (relationship.Status)
        {
            case AdminRelationshipStatus.Active:
                row.Approved(relationship.ActivatedAt ?? now);
                Audit(db, "OnboardingApproved", row, null, now);
                return row.State;
            case AdminRelationshipStatus.Terminated when relationship.EndReason == AdminRelationshipEnd.RejectedByCustomer:
                row.Rejected(relationship.EndedAt ?? now);
                Audit(db, "OnboardingRejected", row, null, now);
                return row.State;
            case AdminRelationshipStatus.Terminated or AdminRelationshipStatus.Expired:
                row.Cancel(relationship.EndedAt ?? now);
                Audit(db, "OnboardingCancelled", row, new { Reason = "The request was withdrawn on Admin relationships." }, now);
                return row.State;
        }

        if (row.RequestedAt < now.AddDays(-OnboardingRules.ApprovalWindowDays))
        {
            relationship.Terminate(RelationshipSide.Partner, now);
            db.AdminRelationshipRequests.Add(new AdminRelationshipRequest(relationship, AdminRelationshipRequestAction.Terminate, now));
            row.ExpiredUnapproved(now);
            Audit(db, "OnboardingExpiredUnapproved", row, new { Days = OnboardingRules.ApprovalWindowDays }, now);
            return row.State;
        }

        if (sent is { DeliveryStatus: DeliveryStatus.Failed } && row.EmailSentAt is null)
        {
            row.Fail(OnboardingStep.Email, PortalRefusals.Onboarding.EmailFailed.With(sent.LastError ?? string.Empty), now);
            Audit(db, "OnboardingFailed", row, new { Step = "Email", Reason = sent.LastError }, now);
            return row.State;
        }

        return row.State;
    }

    /// <summary>
    /// Gives each planned group its roles on the approved relationship. A group already holding access there is left as it is (a
    /// retry repeats nothing); a group deleted since is found again by its name if it was recreated, or the row fails saying so.
    /// </summary>
    private static async Task<bool> AssignAsync(PortalDbContext db, Domain.Onboarding.Onboarding row, DateTimeOffset now, CancellationToken ct)
    {
        var relationship = await db.LockedAdminRelationshipAsync(row.RelationshipId!.Value, ct);
        var names = row.Plan.Select(p => p.GroupName).ToArray();
        var planned = row.Plan.Select(p => p.GroupId).ToArray();
        var groups = await db.SecurityGroups.AsNoTracking().Where(g => g.PartnerId == row.PartnerId && (planned.Contains(g.Id) || names.Contains(g.Name))).ToListAsync(ct);
        foreach (var line in row.Plan)
        {
            var group = groups.FirstOrDefault(g => g.Id == line.GroupId) ?? groups.FirstOrDefault(g => g.Name == line.GroupName);
            if (group is null)
            {
                return Failed(db, row, PortalRefusals.Onboarding.GroupGone.With(line.GroupName), now);
            }

            if (relationship.Assignments.Any(a => a.IsActive && a.GroupId == group.Id))
            {
                continue;
            }

            var assignedNow = AdminRelationshipChanges.Assign(relationship, group.Id, group.Name, line.Roles, now,
                (action, r, _, after) => db.AuditEntries.Add(Entry(action, row, AdminRelationshipCommands.Subject(r), after, now)));
            if (!assignedNow.Succeeded)
            {
                return Failed(db, row, assignedNow.Error!, now);
            }
        }

        row.GroupsAssigned(now);
        Audit(db, "OnboardingActive", row, null, now);
        return true;
    }

    private static bool Failed(PortalDbContext db, Domain.Onboarding.Onboarding row, DomainError reason, DateTimeOffset now)
    {
        row.Fail(OnboardingStep.Assignment, reason, now);
        Audit(db, "OnboardingFailed", row, new { Step = "Assignment", Reason = reason.ToString() }, now);
        return false;
    }

    private static void Audit(PortalDbContext db, string action, Domain.Onboarding.Onboarding row, object? after, DateTimeOffset at) =>
        db.AuditEntries.Add(Entry(action, row, $"{row.TemplateName} ({row.CompanyName})", after, at));

    private static AuditEntry Entry(string action, Domain.Onboarding.Onboarding row, string subject, object? after, DateTimeOffset at) =>
        AuditTrail.Entry(action, "system", row.PartnerId, row.CustomerId, subject, null, after, at);
}
