using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>
/// A relationship's name is unique, ignoring case, among the partner's relationships that have not ended (issue 22: Graph
/// refuses a duplicate <c>displayName</c>). An ended relationship's name may be used again, so a customer can be onboarded again
/// with the same template. The database holds it with a partial unique index on (partner, lower(name)), a stored generated column; the checks here give
/// the clear message first, and <see cref="IsViolation"/> turns a race two requests lose into the same message.
/// </summary>
public static class AdminRelationshipNames
{
    public const string UniqueIndex = "IX_AdminRelationships_open_name_per_partner";

    /// <summary>The stored generated column <c>lower(DisplayName)</c> the index is on (a shadow property).</summary>
    public const string KeyColumn = "NameKey";

    /// <summary>Whether another of the partner's relationships that has not ended has this name (ignoring case).</summary>
    public static Task<bool> IsTakenAsync(PortalDbContext db, Guid partnerId, string name, Guid? except = null, CancellationToken ct = default)
    {
        var lower = name.Trim().ToLowerInvariant();
        return db.AdminRelationships.IgnoreQueryFilters().AnyAsync(r =>
            r.PartnerId == partnerId && r.Id != except
            && (r.Status == AdminRelationshipStatus.Created || r.Status == AdminRelationshipStatus.ApprovalPending || r.Status == AdminRelationshipStatus.Active)
            && EF.Property<string>(r, KeyColumn) == lower, ct);
    }

    /// <summary>The name, or, when taken, the name with " (2)", " (3)"… within the 50 characters a name may have.</summary>
    public static async Task<string> AvailableAsync(PortalDbContext db, Guid partnerId, string name, CancellationToken ct = default)
    {
        if (!await IsTakenAsync(db, partnerId, name, ct: ct))
        {
            return name;
        }

        for (var n = 2; ; n++)
        {
            var suffix = $" ({n})";
            var candidate = (name.Length + suffix.Length <= AdminRelationshipRules.MaxNameLength ? name : name[..(AdminRelationshipRules.MaxNameLength - suffix.Length)].TrimEnd()) + suffix;
            if (!await IsTakenAsync(db, partnerId, candidate, ct: ct))
            {
                return candidate;
            }
        }
    }

    public static bool IsViolation(DbUpdateException e) =>
        e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: UniqueIndex };
}
