using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.AdminRelationships;

/// <summary>
/// Whom the portal's own emails about admin access go to (reminders, the health digest), each with the language they read
/// the portal in: a partner's Global admins and Admin agents, a customer's admins.
/// </summary>
public static class MailRecipients
{
    public sealed record Recipient(string Email, string? Language);

    public static Task<List<Recipient>> PartnerAdminAgentsAsync(PortalDbContext db, Guid partnerId, CancellationToken ct)
    {
        var agentRoles = CustomerAdminAccess.DelegatedAdminAgentRoles.ToArray();
        return ReadAsync(db.Users.Where(u => u.PartnerId == partnerId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && agentRoles.Contains(r.Name!)))), ct);
    }

    public static Task<List<Recipient>> CustomerAdminsAsync(PortalDbContext db, Guid? customerId, CancellationToken ct) =>
        ReadAsync(db.Users.Where(u => u.CustomerId == customerId
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == CustomerRole.CustomerAdmin))), ct);

    /// <summary>One group per language (a person's own, else <paramref name="fallback"/>), addresses in order: one message each.</summary>
    public static IEnumerable<(string Language, List<string> Emails)> ByLanguage(IEnumerable<Recipient> recipients, string fallback) =>
        recipients.GroupBy(r => r.Language ?? fallback).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(r => r.Email).ToList()));

    private static async Task<List<Recipient>> ReadAsync(IQueryable<Identity.ApplicationUser> users, CancellationToken ct)
    {
        var rows = await users.Where(u => u.Email != null).Select(u => new Recipient(u.Email!, u.PreferredLanguage)).ToListAsync(ct);
        return rows.DistinctBy(r => r.Email, StringComparer.OrdinalIgnoreCase).OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
    }
}
