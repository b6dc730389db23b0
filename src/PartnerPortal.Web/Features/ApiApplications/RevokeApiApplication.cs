using Microsoft.EntityFrameworkCore;
using PartnerPortal.Web.Api;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.ApiApplications;

/// <summary>
/// Revokes one of the organization's API applications: its tokens stop working at once. Revoking a revoked application changes
/// nothing; another organization's id is not found (the tenant query filter).
/// </summary>
public sealed class RevokeApiApplicationHandler(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<CommandResult<ApiApplication>> HandleAsync(Guid id)
    {
        var application = await db.ApiApplications.SingleOrDefaultAsync(a => a.Id == id);
        if (application is null)
        {
            return CommandResult<ApiApplication>.NotFound;
        }

        if (application.RevokedAt is null)
        {
            application.Revoke(clock.GetUtcNow());
            audit.Record("ApiApplicationRevoked", application.PartnerId, null, application.Name, null, new { application.Name, ClientId = application.Id });
            await db.SaveChangesAsync();
        }

        return CommandResult<ApiApplication>.Done(application);
    }
}
