using System.Text.Json;
using PartnerPortal.Domain.Audit;

namespace PartnerPortal.Web.Data;

/// <summary>Adds audit entries to the current unit of work, so an action and its record are saved together.</summary>
public sealed class AuditTrail(PortalDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <param name="actor">Who acted, when it is not the signed-in user (a sign-in attempt names the account tried).</param>
    public void Record(string action, Guid? partnerId, Guid? customerId, string? subject, object? before, object? after, string? actor = null)
    {
        actor ??= http.HttpContext?.User.Identity?.Name ?? "system";
        db.AuditEntries.Add(new AuditEntry(action, actor, partnerId, customerId, subject, Serialize(before), Serialize(after), clock.GetUtcNow()));
    }

    private static string? Serialize(object? state) => state is null ? null : JsonSerializer.Serialize(state);
}
