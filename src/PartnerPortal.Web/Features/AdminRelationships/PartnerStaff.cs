using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>A partner's Global admins and Admin agents as the portal's emails address them: who acts on customers' admin access.</summary>
public static class PartnerStaff
{
    public sealed record Recipient(string Email, string? Language);

    public static async Task<List<Recipient>> AdminAgentsAsync(PortalDbContext db, Guid partnerId, CancellationToken ct)
    {
        var agentRoles = CustomerAdminAccess.DelegatedAdminAgentRoles.ToArray();
        var rows = await db.Users
            .Where(u => u.PartnerId == partnerId && u.Email != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && agentRoles.Contains(r.Name!))))
            .Select(u => new Recipient(u.Email!, u.PreferredLanguage)).ToListAsync(ct);
        return rows.DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase).OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
    }
}
