using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Features.AdminRelationships;
using PartnerPortal.Web.Features.Invitations;
using PartnerPortal.Web.Localization;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Onboarding;

public sealed class AccessHealthDigestOptions
{
    public const string Section = "HealthDigest";

    /// <summary>Off, no digest is sent (tests that count other messages).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The daily digest of new Access health problems (issue 19): once a day (UTC) per partner, the problems Access health shows
/// that nobody was told about yet are emailed to the partner's Global admins and Admin agents, one message per language
/// (each person's own, else the partner's cloud's), through the outbox. Each problem is told once: its notice is written in
/// the same transaction as the message is queued, and a problem that clears loses its notice, so a return is news again. A
/// per-partner advisory lock and the day's run row make two nodes at once send one digest.
/// </summary>
public sealed class AccessHealthDigest(
    DbContextOptions<PortalDbContext> dbOptions,
    IStringLocalizer<SharedResource> l,
    IHttpContextAccessor http,
    IConfiguration configuration,
    AdminRelationships.AccessChangeJob accessChanges,
    TimeProvider clock,
    IOptions<AccessHealthDigestOptions> options)
{
    /// <summary>The most problems one run reads per partner; the email lists the first <see cref="MaxListed"/>.</summary>
    public const int MaxRows = 10_000;
    public const int MaxListed = 50;

    /// <summary>Runs today's digest for every partner that has not had it; the value is how many messages were queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        List<Guid> due;
        await using (var system = new PortalDbContext(dbOptions, SystemTenant.Instance))
        {
            due = await system.Partners.Where(p => !system.AccessHealthDigestRuns.Any(r => r.PartnerId == p.Id && r.Day == today)).Select(p => p.Id).ToListAsync(ct);
        }

        var messages = 0;
        foreach (var partnerId in due)
        {
            messages += await RunForAsync(partnerId, today, now, ct);
        }

        return messages;
    }

    private async Task<int> RunForAsync(Guid partnerId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = new PortalDbContext(dbOptions, new PartnerTenant(partnerId));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Another node on the same partner waits here, then finds today's run and does nothing.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"health-digest:" + partnerId}))", ct);
        if (await db.AccessHealthDigestRuns.AnyAsync(r => r.Day == today, ct))
        {
            return 0;
        }

        var view = await new AccessHealth(db, new AuditTrail(db, http, clock), accessChanges, clock).ReadAsync(null, null, take: MaxRows);
        var current = view.Rows.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.First());
        var notices = await db.AccessHealthNotices.ToListAsync(ct);
        db.AccessHealthNotices.RemoveRange(notices.Where(n => !current.ContainsKey((n.Problem, n.Key))));
        var told = notices.Select(n => (n.Problem, n.Key)).ToHashSet();
        var fresh = current.Where(c => !told.Contains(c.Key)).Select(c => c.Value).ToList();
        db.AccessHealthNotices.AddRange(fresh.Select(r => new AccessHealthNotice(partnerId, r.Problem.ToString(), KeyOf(r).Key, now)));
        db.AccessHealthDigestRuns.Add(new AccessHealthDigestRun(partnerId, today, fresh.Count, now));

        var messages = 0;
        if (fresh.Count > 0)
        {
            var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId, ct);
            var staff = await MailRecipients.PartnerAdminAgentsAsync(db, partnerId, ct);
            var url = configuration["Portal:PublicUrl"]?.TrimEnd('/') is { Length: > 0 } origin ? origin + "/AccessHealth" : null;
            foreach (var (language, addresses) in MailRecipients.ByLanguage(staff, AdminRelationshipEmails.LanguageOf(partner.Cloud)))
            {
                var message = Compose(fresh, url, language);
                db.SentInvitations.Add(SentInvitation.Digest(partnerId, string.Join(",", addresses), language, message.Subject, message.Body, now));
                messages++;
            }

            db.AuditEntries.Add(AuditTrail.Entry("AccessHealthDigestSent", "system", partnerId, null, "Access health", null, new { Problems = fresh.Count, Recipients = staff.Select(s => s.Email) }, now));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return messages;
    }

    /// <summary>What makes a problem the same problem tomorrow: its kind and what it is about.</summary>
    private static (string Problem, string Key) KeyOf(HealthRow row) =>
        (row.Problem.ToString(), $"{row.CustomerId?.ToString() ?? row.Domain}/{row.RelationshipId}/{row.OnboardingId}");

    private InvitationDraft Compose(List<HealthRow> rows, string? url, string language) => AdminRelationshipEmails.In(language, () =>
    {
        var subject = l["Access health: {0}", l.Plural(rows.Count, "{0} new problem|{0} new problems")];
        var lines = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.Problem).ThenBy(r => r.CompanyName, StringComparer.Ordinal).Take(MaxListed))
        {
            lines.Append("- ").Append(row.CompanyName).Append(" (").Append(row.Domain).Append("): ").Append(l[Pages.AccessHealth.IndexModel.Label(row.Problem)].Value);
            if (row.RelationshipName is { } name)
            {
                lines.Append(" - ").Append(name);
            }

            lines.Append('\n');
        }

        if (rows.Count > MaxListed)
        {
            lines.Append(l["... and {0} more.", rows.Count - MaxListed].Value).Append('\n');
        }

        var body = string.Join(
            "\n\n",
            l["Hello,"],
            l["Access health found these problems with your customers' admin access since its last digest. Each one is told once."],
            lines.ToString().TrimEnd('\n'),
            url is null ? l["Open Access health in PartnerPortal to fix them."].Value : $"{l["Open Access health to fix them:"]}\n{url}",
            "PartnerPortal");
        return new InvitationDraft(subject, body + "\n");
    });
}
