using PartnerPortal.Web.Data;
using PartnerPortal.Web.Identity;

namespace PartnerPortal.Web.Security;

/// <summary>
/// Security events in the audit log (sign-ins, failures, throttling, MFA enrolment and reset, password changes): who, from
/// which address, for which organization, so a Global admin sees them on the Audit log like every other action.
/// </summary>
public sealed class SecurityEvents(PortalDbContext db, AuditTrail audit, IHttpContextAccessor http)
{
    /// <param name="partnerId">The organization concerned when there is no portal account yet (a first Microsoft sign-in).</param>
    public async Task RecordAsync(string action, ApplicationUser? user, string? accountName, Guid? partnerId = null, Guid? customerId = null)
    {
        var context = http.HttpContext;
        var after = new
        {
            Account = accountName,
            From = context?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = context?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 200)] : null,
        };
        if (user is not null && action.StartsWith("SignedIn", StringComparison.Ordinal))
        {
            // The language the person reads the portal in: the portal's emails to them (the health digest) use it.
            user.PreferredLanguage = Infrastructure.PortalSetup.LanguageOf(System.Globalization.CultureInfo.CurrentUICulture);
        }

        audit.Record(action, user?.PartnerId ?? partnerId, user?.CustomerId ?? customerId, accountName, null, after, actor: user?.Email ?? accountName ?? "anonymous");
        await db.SaveChangesAsync();
    }
}
