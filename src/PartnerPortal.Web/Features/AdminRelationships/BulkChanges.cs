using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.AdminRelationships;

public sealed class BulkChangeJobOptions : RowClaimJobOptions
{
    public const string Section = "BulkChanges";

    /// <summary>A change of at most this many rows is done before the page answers; a larger one only in the background.</summary>
    public int InlineRows { get; set; } = 25;
}

/// <summary>A bulk change as its page shows it: how far it got, and each refused row with its reason.</summary>
public sealed record BulkChangeProgress(AdminRelationshipBulkChange Change, int Queued, int Changed, int Unchanged, int Refused, IReadOnlyList<AdminRelationshipBulkItem> RefusedRows)
{
    public int Done => Change.Rows - Queued;

    public int Percent => Change.Rows == 0 ? 100 : (int)(100L * Done / Change.Rows);

    public bool Finished => Queued == 0;
}

/// <summary>
/// Bulk actions on Admin relationships (issue 19): auto-extend on or off, or terminate, for a selection or for every row a filter
/// shows, with no cap. Starting one writes the change and one queued row per relationship in one transaction (the same form
/// posted twice makes one change); <see cref="BulkChangeJob"/> then does the rows a few per transaction, each refused row
/// keeping its reason (a Global Administrator relationship in an auto-extend is refused by name, the others go through).
/// </summary>
public sealed class BulkChanges(PortalDbContext db, FormSubmissions forms, AuditTrail audit, BulkChangeJob job, IOptions<BulkChangeJobOptions> options, TimeProvider clock)
{
    public const string FormName = "AdminRelationshipBulkChange";

    /// <summary>Shows at most this many refused rows on the progress page; the count says how many there are.</summary>
    public const int MaxRefusedShown = 500;

    /// <summary>Starts the change; the value is its id. Any id that is not one of the partner's relationships refuses the whole change.</summary>
    public async Task<CommandResult<Guid>> StartAsync(ClaimsPrincipal user, BulkChangeKind kind, IReadOnlyCollection<Guid> ids, Guid formToken, CancellationToken ct = default)
    {
        if (!user.Has(Permission.ManageAdminRelationships) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<Guid>.Forbidden;
        }

        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return CommandResult<Guid>.Refused(PortalRefusals.AdminRelationships.SelectionRequired);
        }

        var relationships = await db.AdminRelationships.AsNoTracking().Where(r => distinct.Contains(r.Id))
            .OrderBy(r => r.DisplayName).ThenBy(r => r.Id).Select(r => new { r.Id, r.DisplayName }).ToListAsync(ct);
        if (relationships.Count != distinct.Length)
        {
            return CommandResult<Guid>.NotFound;
        }

        var by = user.Identity!.Name!;
        Guid changeId;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var claim = await forms.ClaimAsync(formToken, FormName, by, ct);
            if (!claim.IsFirst)
            {
                return claim.Earlier!.ResultId is { } earlier ? CommandResult<Guid>.Done(earlier) : CommandResult<Guid>.Refused(PortalRefusals.Forms.AlreadyUsed);
            }

            var change = new AdminRelationshipBulkChange(partnerId, kind, by, relationships.Count, clock.GetUtcNow());
            db.AdminRelationshipBulkChanges.Add(change);
            db.AdminRelationshipBulkItems.AddRange(relationships.Select(r => new AdminRelationshipBulkItem(change, r.Id, r.DisplayName)));
            audit.Record("AdminRelationshipBulkChangeStarted", partnerId, null, kind.ToString(), null, new { Change = kind.ToString(), Rows = relationships.Count });
            claim.Claimed?.Complete(change.Id);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            changeId = change.Id;
        }

        // A small change is done before the page answers, so its outcome shows at once; a large one in the background.
        if (relationships.Count <= options.Value.InlineRows)
        {
            await job.RunChangeAsync(changeId, ct);
        }
        else
        {
            job.Nudge();
        }

        return CommandResult<Guid>.Done(changeId);
    }

    /// <summary>The partner's change with its counts; null for an id that is not the partner's.</summary>
    public async Task<BulkChangeProgress?> ProgressAsync(Guid id, CancellationToken ct = default)
    {
        var change = await db.AdminRelationshipBulkChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (change is null)
        {
            return null;
        }

        var counts = await db.AdminRelationshipBulkItems.Where(i => i.ChangeId == id).GroupBy(i => i.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(BulkItemState state) => counts.SingleOrDefault(c => c.Key == state)?.Count ?? 0;
        var refused = await db.AdminRelationshipBulkItems.AsNoTracking().Where(i => i.ChangeId == id && i.State == BulkItemState.Refused)
            .OrderBy(i => i.RelationshipName).ThenBy(i => i.Id).Take(MaxRefusedShown).ToListAsync(ct);
        return new BulkChangeProgress(change, Count(BulkItemState.Queued), Count(BulkItemState.Changed), Count(BulkItemState.Unchanged), Count(BulkItemState.Refused), refused);
    }

    /// <summary>The partner's changes still running, newest first (the dashboard's progress).</summary>
    public async Task<IReadOnlyList<BulkChangeProgress>> RunningAsync(CancellationToken ct = default)
    {
        var running = await db.AdminRelationshipBulkChanges.AsNoTracking()
            .Where(c => db.AdminRelationshipBulkItems.Any(i => i.ChangeId == c.Id && i.State == BulkItemState.Queued))
            .OrderByDescending(c => c.CreatedAt).Take(5)
            .Select(c => new { Change = c, Queued = db.AdminRelationshipBulkItems.Count(i => i.ChangeId == c.Id && i.State == BulkItemState.Queued) })
            .ToListAsync(ct);
        return running.Select(r => new BulkChangeProgress(r.Change, r.Queued, 0, 0, 0, [])).ToList();
    }
}

/// <summary>
/// Does the queued rows of bulk changes: each row's relationship is locked, changed the way a click on its page changes it
/// (<see cref="AdminRelationshipChanges"/>), audited in the name of the person who started the change, and marked done in the
/// same transaction. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so nodes share the work and never do a row twice.
/// </summary>
public sealed class BulkChangeJob(
    DbContextOptions<PortalDbContext> dbOptions,
    TimeProvider clock,
    IOptions<BulkChangeJobOptions> options,
    ILogger<BulkChangeJob> logger) : RowClaimJob<int>(() => options.Value, logger)
{
    protected override int None => 0;

    protected override int Add(int total, int run) => total + run;

    /// <summary>Does one change's rows now (a small change, before its page answers); other changes wait for the background.</summary>
    public async Task RunChangeAsync(Guid changeId, CancellationToken ct = default)
    {
        while ((await ClaimAndRunAsync(options.Value.RowsPerTransaction, changeId, ct)).Took)
        {
        }
    }

    protected override Task<(bool Took, int Run)> RunTransactionAsync(int take, CancellationToken ct) => ClaimAndRunAsync(take, null, ct);

    private async Task<(bool Took, int Run)> ClaimAndRunAsync(int take, Guid? changeId, CancellationToken ct)
    {
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Queued rows (of one change, or of any), locked; rows another node holds are skipped, not waited for.
        var ids = await db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value" FROM "AdminRelationshipBulkItems"
            WHERE "State" = 'Queued' AND "ChangeId" = COALESCE({changeId}::uuid, "ChangeId")
            ORDER BY "Id" LIMIT {take} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return (false, 0);
        }

        var items = await db.AdminRelationshipBulkItems.Where(i => ids.Contains(i.Id)).OrderBy(i => i.RelationshipId).ToListAsync(ct);
        var changeIds = items.Select(i => i.ChangeId).Distinct().ToArray();
        var changes = await db.AdminRelationshipBulkChanges.AsNoTracking().Where(c => changeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var now = clock.GetUtcNow();
        foreach (var item in items)
        {
            var change = changes[item.ChangeId];
            var relationship = await db.LockedAdminRelationshipOrNullAsync(item.RelationshipId, ct);
            var (state, refusal) = relationship is null || relationship.PartnerId != item.PartnerId
                ? (BulkItemState.Refused, PortalRefusals.AdminRelationships.Gone)
                : Apply(db, change, relationship, now);
            item.Done(state, refusal, now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (true, items.Count);
    }

    private static (BulkItemState State, DomainError? Refusal) Apply(PortalDbContext db, AdminRelationshipBulkChange change, AdminRelationship relationship, DateTimeOffset now)
    {
        AdminRelationshipChanges.Record record = (action, r, before, after) =>
            db.AuditEntries.Add(AuditTrail.Entry(action, change.CreatedBy, r.PartnerId, r.CustomerId, AdminRelationshipCommands.Subject(r), before, after, now));
        switch (change.Kind)
        {
            case BulkChangeKind.Terminate:
                var ended = AdminRelationshipChanges.Terminate(db, relationship, now, record);
                return ended.Succeeded ? (BulkItemState.Changed, null) : (BulkItemState.Refused, ended.Error);
            default:
                var set = AdminRelationshipChanges.SetAutoExtend(relationship, change.Kind == BulkChangeKind.AutoExtendOn, now, record);
                return !set.Succeeded ? (BulkItemState.Refused, set.Error) : set.Value ? (BulkItemState.Changed, null) : (BulkItemState.Unchanged, null);
        }
    }
}
