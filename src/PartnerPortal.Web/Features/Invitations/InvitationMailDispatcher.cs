using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Email;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>
/// Delivers queued invitation emails in the background: claims a batch of due messages with FOR UPDATE SKIP LOCKED and a
/// lease, so several portal processes never take the same message; each success or failure is recorded; failures are retried
/// on <see cref="MailOptions.RetryPolicy"/>'s schedule (capped back-off for a day by default). Due messages go oldest first;
/// when the relay refuses one, the rest of the batch waits with it instead of each trying its own connection.
/// </summary>
public sealed class InvitationMailDispatcher(
    DbContextOptions<PortalDbContext> dbOptions,
    IMailSender mail,
    IOptions<MailOptions> options,
    TimeProvider clock,
    Infrastructure.PortalMetrics metrics,
    ILogger<InvitationMailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(15);
    private DateTimeOffset _counted = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await DispatchBatchAsync(stoppingToken);
                await CountBacklogAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Invitation mail dispatch failed; trying again shortly");
            }

            if (delivered == 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(options.Value.OutboxPollSeconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The backlog gauges (Infrastructure/PortalMetrics.cs): queued messages and the oldest one's wait, now and then.</summary>
    private async Task CountBacklogAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - _counted < CountEvery)
        {
            return;
        }

        _counted = now;
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        var queued = db.SentInvitations.Where(s => s.DeliveryStatus == DeliveryStatus.Queued);
        var count = await queued.LongCountAsync(ct);
        var oldest = count == 0 ? (DateTimeOffset?)null : await queued.MinAsync(s => (DateTimeOffset?)s.SentAt, ct);
        metrics.OutboxCounted(count, oldest is { } o ? now - o : TimeSpan.Zero);
    }

    /// <summary>Delivers what is due now; the number of messages taken.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        var now = clock.GetUtcNow();
        var leaseEnd = now + Lease;
        var queued = nameof(DeliveryStatus.Queued);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE "SentInvitations" SET "LockedUntil" = {leaseEnd}
            WHERE "Id" IN (
                SELECT "Id" FROM "SentInvitations"
                WHERE "DeliveryStatus" = {queued} AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "SentAt", "Id" LIMIT 10 FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct);
        var messages = await db.SentInvitations.Where(s => claimed.Contains(s.Id)).OrderBy(s => s.SentAt).ThenBy(s => s.Id).ToListAsync(ct);
        DateTimeOffset? relayDownUntil = null;
        foreach (var message in messages)
        {
            var id = message.Id;
            if (relayDownUntil is { } until)
            {
                message.Defer(until);
                await db.SaveChangesAsync(CancellationToken.None);
                continue;
            }

            try
            {
                var recipients = message.Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                // Replies to an invitation go to the person who sent it; the job's reminders have nobody behind them.
                await mail.SendAsync(new MailMessageToSend(recipients, message.Subject, message.Body, message.IsReminder ? null : message.SentBy), ct);
                message.MarkDelivered(clock.GetUtcNow());
                metrics.Delivery("delivered");
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning("Invitation email {SentInvitationId} not delivered (attempt {Attempt}): {Error}", id, message.Attempts + 1, e.Message);
                message.MarkAttemptFailed(e.Message, clock.GetUtcNow(), options.Value.RetryPolicy);
                metrics.Delivery(message.DeliveryStatus == DeliveryStatus.Failed ? "gave_up" : "failed");
                relayDownUntil = message.DeliveryStatus == DeliveryStatus.Queued ? message.NextAttemptAt : clock.GetUtcNow() + options.Value.RetryPolicy.DelayAfter(1);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        return claimed.Count;
    }
}
