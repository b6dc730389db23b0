using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.AdminRelationships;

public sealed class AccessChangeJobOptions : RowClaimJobOptions
{
    public const string Section = "AccessChanges";

    /// <summary>What an API answer's <c>Retry-After</c> tells a script to wait before it polls an operation.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

/// <summary>What one run applied: assignments activated, operations succeeded and failed.</summary>
public sealed record AccessChangeJobRun(int Activated, int Succeeded, int Failed)
{
    public static AccessChangeJobRun operator +(AccessChangeJobRun a, AccessChangeJobRun b) =>
        new(a.Activated + b.Activated, a.Succeeded + b.Succeeded, a.Failed + b.Failed);
}

/// <summary>
/// Applies the access changes that Graph reports as pending (issue 22): a new access assignment becomes active, and each queued
/// <see cref="AdminRelationshipOperation"/> (new roles for an assignment, Global Administrator out of a relationship) succeeds
/// or fails with the refusal that stopped it. Each transaction claims a few relationships that have such work with
/// <c>FOR UPDATE SKIP LOCKED</c> on the relationship's row, the same lock every command takes, so a change applied here and a
/// click on the relationship's page never interleave, nodes share the work, and a node killed mid-way leaves each relationship
/// as it was or done. The pages run their own relationship's work before they answer; the API answers first and nudges.
/// </summary>
public sealed class AccessChangeJob(
    DbContextOptions<PortalDbContext> dbOptions,
    TimeProvider clock,
    IOptions<AccessChangeJobOptions> options,
    ILogger<AccessChangeJob> logger) : RowClaimJob<AccessChangeJobRun>(() => options.Value, logger)
{
    private const string Claim = """
        SELECT r."Id" AS "Value" FROM "AdminRelationships" r
        WHERE r."Id" = COALESCE(@p0, r."Id")
          AND (EXISTS (SELECT 1 FROM "AccessAssignments" a WHERE a."RelationshipId" = r."Id" AND a."ActivatedAt" IS NULL AND a."RemovedAt" IS NULL)
            OR EXISTS (SELECT 1 FROM "AdminRelationshipOperations" o WHERE o."RelationshipId" = r."Id" AND o."Status" IN ('NotStarted', 'Running')))
        ORDER BY r."Id" LIMIT @p1 FOR UPDATE OF r
        """;

    /// <summary>The background's claim: a relationship another node holds is skipped, not waited for.</summary>
    private const string ClaimAny = Claim + " SKIP LOCKED";

    /// <summary>A page's claim of its own relationship waits for the lock, so its answer shows the work done.</summary>
    private const string ClaimOne = Claim;

    protected override AccessChangeJobRun None { get; } = new(0, 0, 0);

    protected override AccessChangeJobRun Add(AccessChangeJobRun total, AccessChangeJobRun run) => total + run;

    /// <summary>Applies one relationship's pending work now (a page's click, before the page answers).</summary>
    public async Task<AccessChangeJobRun> RunRelationshipAsync(Guid relationshipId, CancellationToken ct = default) =>
        (await ClaimAndRunAsync(1, relationshipId, ct)).Run;

    protected override Task<(bool Took, AccessChangeJobRun Run)> RunTransactionAsync(int take, CancellationToken ct) => ClaimAndRunAsync(take, null, ct);

    private async Task<(bool Took, AccessChangeJobRun Run)> ClaimAndRunAsync(int take, Guid? relationshipId, CancellationToken ct)
    {
        await using var db = new PortalDbContext(dbOptions, SystemTenant.Instance);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Relationships with a pending assignment or an unfinished operation, locked.
        var ids = await db.Database.SqlQueryRaw<Guid>(
            relationshipId is null ? ClaimAny : ClaimOne,
            new Npgsql.NpgsqlParameter("p0", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)relationshipId ?? DBNull.Value },
            new Npgsql.NpgsqlParameter("p1", take)).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return (false, None);
        }

        var relationships = await db.AdminRelationships.Include(r => r.Assignments).Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var operations = await db.AdminRelationshipOperations
            .Where(o => ids.Contains(o.RelationshipId) && (o.Status == AdminRelationshipOperationStatus.NotStarted || o.Status == AdminRelationshipOperationStatus.Running))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var run = None;
        foreach (var relationship in relationships)
        {
            foreach (var pending in relationship.Assignments.Where(a => a.State == AccessAssignmentState.Pending).ToList())
            {
                run = relationship.ActivateAssignment(pending.Id, now) ? run with { Activated = run.Activated + 1 } : run;
            }

            foreach (var operation in operations.Where(o => o.RelationshipId == relationship.Id))
            {
                var before = operation.AssignmentId is { } assignmentId ? relationship.Assignments.SingleOrDefault(a => a.Id == assignmentId)?.Roles : relationship.Roles;
                var applied = operation.Apply(relationship, now);
                run = applied.Succeeded ? run with { Succeeded = run.Succeeded + 1 } : run with { Failed = run.Failed + 1 };
                if (applied.Succeeded)
                {
                    db.AuditEntries.Add(AuditTrail.Entry(
                        operation.Type == AdminRelationshipOperationType.AccessAssignmentUpdate ? "AccessAssignmentChanged" : "AdminRelationshipChanged",
                        operation.RequestedBy, relationship.PartnerId, relationship.CustomerId, AdminRelationshipCommands.Subject(relationship),
                        new { Roles = AdminRelationshipCommands.RoleNames(before ?? []) }, new { Roles = AdminRelationshipCommands.RoleNames(operation.Roles) }, now));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (true, run);
    }
}
