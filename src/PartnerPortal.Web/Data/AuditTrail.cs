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
        db.AuditEntries.Add(Entry(action, actor, partnerId, customerId, subject, before, after, clock.GetUtcNow()));
    }

    /// <summary>An entry for a background job, which acts for a person named in its row (or as "system") outside a request.</summary>
    public static AuditEntry Entry(string action, string actor, Guid? partnerId, Guid? customerId, string? subject, object? before, object? after, DateTimeOffset at) =>
        new(action, actor, partnerId, customerId, subject, Serialize(before), Serialize(after), at);

    private static string? Serialize(object? state) => state is null ? null : JsonSerializer.Serialize(state);
}
