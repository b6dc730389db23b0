using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>What a retry did: <paramref name="Queued"/> is false when the message had not failed for good (nothing to do).</summary>
public sealed record RetriedInvitation(SentInvitation Invitation, bool Queued);

/// <summary>
/// Another round of delivery attempts for an invitation email that failed for good; the dispatcher sends it. Another
/// organization's id is not found (the tenant query filter).
/// </summary>
public sealed class RetryInvitationEmailHandler(PortalDbContext db, AuditTrail audit, TimeProvider clock)
{
    public async Task<CommandResult<RetriedInvitation>> HandleAsync(Guid id)
    {
        var sent = await db.SentInvitations.SingleOrDefaultAsync(s => s.Id == id);
        if (sent is null)
        {
            return CommandResult<RetriedInvitation>.NotFound;
        }

        if (!sent.Retry(clock.GetUtcNow()))
        {
            return CommandResult<RetriedInvitation>.Done(new(sent, Queued: false));
        }

        audit.Record("InvitationEmailRetried", sent.PartnerId, null, sent.Recipients, null, new { sent.Recipients });
        await db.SaveChangesAsync();
        return CommandResult<RetriedInvitation>.Done(new(sent, Queued: true));
    }
}
