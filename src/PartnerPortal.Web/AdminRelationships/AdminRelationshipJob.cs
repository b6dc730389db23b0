using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Audit;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Email;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.AdminRelationships;

public sealed class AdminRelationshipJobOptions
{
    public const string Section = "AdminRelationships";

    /// <summary>How often the job looks for ends and reminders.</summary>
    public double JobPollSeconds { get; set; } = 60;
}

/// <summary>What one run did.</summary>
public sealed record AdminRelationshipJobRun(bool Ran, int Expired, int Extended, int RemindersSent);

/// <summary>
/// Keeps admin relationships' stored state in step with the clock (issue 10): expires those past their end, rolls auto-extending
/// ones forward by 180 days, and emails the partner's admin agents and the customer's admins 30, 7 and 1 days before an end
/// without auto-extend. Everything it knows is in the database (a reminder's row is written in the same transaction as its
/// sending is confirmed), so a restart neither repeats nor forgets; a PostgreSQL advisory lock lets one node run it at a time.
/// </summary>
public sealed class AdminRelationshipJob(
    DbContextOptions<PortalDbContext> dbOptions,
    IMailSender mail,
    AdminRelationshipEmails emails,
    TimeProvider clock,
    IOptions<AdminRelationshipJobOptions> options,
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
                await RunOnceAsync(stoppingToken);
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
        return new AdminRelationshipJobRun(true, expired, extended, reminders);
    }

    private static async Task<(int Expired, int Extended)> AdvanceAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.AdminRelationships.Include(r => r.Assignments)
            .Where(r => r.Status == AdminRelationshipStatus.Active && r.EndsAt <= now)
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

    private async Task<int> RemindAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var horizon = now.AddDays(AdminRelationshipRules.ReminderDays.Max());
        var candidates = await db.AdminRelationships.AsNoTracking()
            .Where(r => r.Status == AdminRelationshipStatus.Active && !r.AutoExtend && r.EndsAt > now && r.EndsAt <= horizon)
            .Where(r => !db.AdminRelationshipReminders.Any(x => x.RelationshipId == r.Id && x.EndsAt == r.EndsAt && x.DaysBefore == 1))
            .OrderBy(r => r.EndsAt).Take(Batch).ToListAsync(ct);
        var ids = candidates.Select(r => r.Id).ToList();
        var sent = await db.AdminRelationshipReminders.AsNoTracking().Where(x => ids.Contains(x.RelationshipId)).ToListAsync(ct);
        var count = 0;
        foreach (var relationship in candidates)
        {
            var end = relationship.EndsAt!.Value;
            var due = relationship.ReminderDue(now, sent.Where(x => x.RelationshipId == relationship.Id && x.EndsAt == end).Select(x => x.DaysBefore).ToList());
            if (due is not { } reminder)
            {
                continue;
            }

            var recipients = await RecipientsAsync(db, relationship, ct);
            if (recipients.Count > 0)
            {
                var message = emails.Reminder(relationship, end, reminder.DaysBefore, AdminRelationshipEmails.LanguageOf(relationship.Cloud));
                try
                {
                    await mail.SendAsync(new MailMessageToSend(recipients, message.Subject, message.Body, null), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not recorded, so the next run tries again.
                    logger.LogWarning("Reminder for admin relationship {RelationshipId} not sent: {Error}", relationship.Id, e.Message);
                    continue;
                }
            }

            db.AdminRelationshipReminders.AddRange(reminder.Covers.Select(d => new AdminRelationshipReminder(relationship.Id, end, d, now)));
            Audit(db, "AdminRelationshipReminderSent", relationship, null, new { DaysBefore = reminder.DaysBefore, Recipients = recipients }, now);

            // Saved one by one: a message out of the door is recorded before the next is sent.
            await db.SaveChangesAsync(ct);
            count++;
        }

        return count;
    }

    /// <summary>The partner's admin agents and Global admins, and the customer's admins.</summary>
    private static async Task<List<string>> RecipientsAsync(PortalDbContext db, AdminRelationship relationship, CancellationToken ct)
    {
        var agentRoles = CustomerAdminAccess.DelegatedAdminAgentRoles.ToArray();
        var partnerStaff = db.Users.Where(u => u.PartnerId == relationship.PartnerId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && agentRoles.Contains(r.Name!))));
        var customerAdmins = db.Users.Where(u => u.CustomerId == relationship.CustomerId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == CustomerRole.CustomerAdmin)));
        var addresses = await partnerStaff.Concat(customerAdmins).Where(u => u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        return addresses.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private static void Audit(PortalDbContext db, string action, AdminRelationship relationship, object? before, object? after, DateTimeOffset at) =>
        db.AuditEntries.Add(new AuditEntry(
            action,
            "system",
            relationship.PartnerId,
            relationship.CustomerId,
            Pages.AdminRelationships.AdminRelationshipCommands.Subject(relationship),
            before is null ? null : JsonSerializer.Serialize(before),
            after is null ? null : JsonSerializer.Serialize(after),
            at));
}
