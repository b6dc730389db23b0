using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>The one way a command takes an admin relationship to change it: its row locked, then read with its assignments.</summary>
public static class AdminRelationshipLocks
{
    /// <summary>
    /// Locks the relationship's row for the caller's transaction and reads it (as the context's tenant sees it) with its
    /// access assignments: what another person, or a job on another node, did a moment ago counts.
    /// </summary>
    public static async Task<AdminRelationship> LockedAdminRelationshipAsync(this PortalDbContext db, Guid id, CancellationToken ct = default) =>
        await db.LockedAdminRelationshipOrNullAsync(id, ct) ?? throw new InvalidOperationException($"Admin relationship {id} does not exist.");

    /// <summary>As <see cref="LockedAdminRelationshipAsync"/>, or null when the relationship was deleted meanwhile.</summary>
    public static async Task<AdminRelationship?> LockedAdminRelationshipOrNullAsync(this PortalDbContext db, Guid id, CancellationToken ct = default)
    {
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "AdminRelationships" WHERE "Id" = {id} FOR UPDATE""", ct);
        return await db.AdminRelationships.Include(r => r.Assignments).SingleOrDefaultAsync(r => r.Id == id, ct);
    }
}
