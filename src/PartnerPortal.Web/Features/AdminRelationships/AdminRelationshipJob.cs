using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.AdminRelationships;

public sealed class AdminRelationshipJobOptions
{
    public const string Section = "AdminRelationships";

    /// <summary>How often the job looks for ends and reminders.</summary>
    public double JobPollSeconds { get; set; } = 60;
}

/// <summary>What one run did.</summary>
/// <summary>What one run did; <c>Digests</c> counts the Access health digests queued (one per partner and language).</summary>
public sealed record AdminRelationshipJobRun(bool Ran, int Expired, int Extended, int RemindersSent, int Digests = 0);

/// <summary>
/// Keeps admin relationships' stored state in step with the clock (issue 10): expires those past their end, rolls auto-extending
/// ones forward by 180 days, and 30, 7 and 1 days before an end without auto-extend queues a reminder to the partner's admin
/// staff and another to the customer's admins (issue 24). Everything it knows is in the database (a reminder's row is written
/// in the same transaction as its messages are queued), so a restart neither repeats nor forgets; a PostgreSQL advisory lock
/// lets one node run it at a time.
/// </summary>
public sealed class AdminRelationshipJob(
    DbContextOptions<PortalDbContext> dbOptions,
    AdminRelationshipEmails emails,
    IConfiguration configuration,
    TimeProvider clock,
    IOptions<AdminRelationshipJobOptions> options,
    Infrastructure.PortalMetrics metrics,
    Onboarding.AccessHealthDigest digest,
    ILogger<AdminRelationshipJob> logger) : BackgroundService
{
    /// <summary>The advisory lock's key: any number the portal uses for nothing else.</summary>
    private const long LockKey = 0x6764_6170_6a6f_62;
    private const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await RunOnceAsync(stoppingToken)).Ran)
                {
                    metrics.JobSucceeded(clock.GetUtcNow());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Admin relationship job failed; trying again at the next run");
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.JobPollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<AdminRelationshipJobRun> RunOnceAsync(CancellationToken ct = default)
    {
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked)
        {
            return new AdminRelationshipJobRun(false, 0, 0, 0);
        }

        var now = clock.GetUtcNow();
        var (expired, extended) = await AdvanceAsync(db, now, ct);
        var reminders = await RemindAsync(db, now, ct);
        await transaction.CommitAsync(ct);

        // The daily digest of new health problems, each partner in its own transaction (after the expiries it may mention).
        var digests = await digest.RunAsync(ct);
        return new AdminRelationshipJobRun(true, expired, extended, reminders, digests);
    }

    private static async Task<(int Expired, int Extended)> AdvanceAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.AdminRelationships.Include(r => r.Assignments)
            .Where(AdminRelationshipPhases.EndOfTermDue(now))
            .OrderBy(r => r.EndsAt).Take(Batch).ToListAsync(ct);
        var (expired, extended) = (0, 0);
        foreach (var relationship in due)
        {
            var endedAt = relationship.EndsAt;
            switch (relationship.Advance(now))
            {
                case AdminRelationshipStatus.Expired:
                    expired++;
                    Audit(db, "AdminRelationshipExpired", relationship, new { EndsAt = endedAt }, new { Status = "Expired" }, now);
                    break;
                case AdminRelationshipStatus.Active:
                    extended++;
                    Audit(db, "AdminRelationshipExtended", relationship, new { EndsAt = endedAt }, new { relationship.EndsAt }, now);
                    break;
            }
        }

        await db.SaveChangesAsync(ct);
        return (expired, extended);
    }

    /// <summary>
    /// Queues the due reminders in the outbox, one message per organization (the partner's admin staff; the customer's admins),
    /// in the same transaction as the rows that say they were sent: a restart or a second node finds them and queues nothing
    /// more, and the dispatcher delivers each once, retrying while the mail server is away.
    /// </summary>
    private async Task<int> RemindAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var candidates = await db.AdminRelationships.AsNoTracking()
            .Where(AdminRelationshipPhases.RemindersDue(now))
            .Where(r => !db.AdminRelationshipReminders.Any(x => x.RelationshipId == r.Id && x.EndsAt == r.EndsAt && x.DaysBefore == 1))
            .OrderBy(r => r.EndsAt).Take(Batch).ToListAsync(ct);
        var ids = candidates.Select(r => r.Id).ToList();
        var sent = await db.AdminRelationshipReminders.AsNoTracking().Where(x => ids.Contains(x.RelationshipId)).ToListAsync(ct);
        var publicUrl = configuration["Portal:PublicUrl"]?.TrimEnd('/');
        var count = 0;
        foreach (var relationship in candidates)
        {
            var end = relationship.EndsAt!.Value;
            var due = relationship.ReminderDue(now, sent.Where(x => x.RelationshipId == relationship.Id && x.EndsAt == end).Select(x => x.DaysBefore).ToList());
            if (due is not { } reminder)
            {
                continue;
            }

            // One message per organization and language: each person reads it in the language they use the portal in.
            var fallback = AdminRelationshipEmails.LanguageOf(relationship.Cloud);
            var partnerStaff = await MailRecipients.PartnerAdminAgentsAsync(db, relationship.PartnerId, ct);
            var customerAdmins = await MailRecipients.CustomerAdminsAsync(db, relationship.CustomerId, ct);
            var url = publicUrl is null ? null : $"{publicUrl}/AdminRelationships/Details/{relationship.Id}";
            foreach (var (language, addresses) in MailRecipients.ByLanguage(partnerStaff, fallback))
            {
                var message = emails.PartnerReminder(relationship, end, reminder.DaysBefore, url, language);
                db.SentInvitations.Add(SentInvitation.Reminder(relationship, InvitationKind.ExpiryReminderToPartner, string.Join(",", addresses), language, message.Subject, message.Body, now));
            }

            foreach (var (language, addresses) in MailRecipients.ByLanguage(customerAdmins, fallback))
            {
                var message = emails.CustomerReminder(relationship, end, reminder.DaysBefore, language);
                db.SentInvitations.Add(SentInvitation.Reminder(relationship, InvitationKind.ExpiryReminderToCustomer, string.Join(",", addresses), language, message.Subject, message.Body, now));
            }

            db.AdminRelationshipReminders.AddRange(reminder.Covers.Select(d => new AdminRelationshipReminder(relationship.Id, end, d, now)));
            Audit(db, "AdminRelationshipReminderSent", relationship, null, new { DaysBefore = reminder.DaysBefore, Partner = partnerStaff.Select(r => r.Email), Customer = customerAdmins.Select(r => r.Email) }, now);
            count++;
        }

        await db.SaveChangesAsync(ct);
        return count;
    }

    private static void Audit(PortalDbContext db, string action, AdminRelationship relationship, object? before, object? after, DateTimeOffset at) =>
        db.AuditEntries.Add(AuditTrail.Entry(action, "system", relationship.PartnerId, relationship.CustomerId, AdminRelationshipCommands.Subject(relationship), before, after, at));
}
