using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Security;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Identity.Entra;

public enum EntraSignInOutcome
{
    SignedIn,

    /// <summary>First sign-in of someone from a linked tenant: waiting for an admin of the organization.</summary>
    WaitingForApproval,
}

/// <summary>
/// Turns a validated Microsoft Entra sign-in into a portal sign-in: the tenant must be linked by an organization of the same
/// cloud, the person must have been approved by that organization, and partner staff must have used multi-factor
/// authentication where the portal requires it. Everything else is refused, and recorded.
/// </summary>
public sealed class EntraSignInHandler(
    PortalDbContext db,
    CrossOrganizationLookups lookups,
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    SecurityEvents events,
    IOptions<MfaOptions> mfa,
    TimeProvider clock)
{
    public async Task<Result<EntraSignInOutcome>> SignInAsync(EntraAccount account, EntraAuthority authority)
    {
        var link = await lookups.FindEntraTenantLinkAsync(account.TenantId);
        if (link is null)
        {
            return await RefuseAsync(account, PortalRefusals.Entra.OrganizationNotLinked);
        }

        var cloud = await lookups.CloudOfAsync(link.PartnerId, link.CustomerId);
        if (CloudPolicies.For(cloud).SignInAuthority != authority)
        {
            return await RefuseAsync(account, PortalRefusals.Entra.WrongCloud, CloudPolicies.For(cloud).DisplayName);
        }

        if (link.PartnerId is not null && mfa.Value.RequiredForPartnerUsers && !account.UsedMultiFactor)
        {
            return await RefuseAsync(account, PortalRefusals.Entra.MfaRequired);
        }

        var user = await users.FindByLoginAsync(EntraLogin.Provider, account.LoginKey);
        if (user is not null)
        {
            if (user.PartnerId != link.PartnerId || user.CustomerId != link.CustomerId)
            {
                return await RefuseAsync(account, PortalRefusals.Entra.OrganizationNotLinked);
            }

            List<Claim> session = account.UsedMultiFactor ? [new Claim(PortalClaims.EntraMfa, "true")] : [];
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, session);
            await events.RecordAsync("SignedInWithMicrosoft", user, user.Email);
            return Result<EntraSignInOutcome>.Ok(EntraSignInOutcome.SignedIn);
        }

        var request = await lookups.FindEntraSignInRequestAsync(account.TenantId, account.ObjectId);
        if (request is null)
        {
            db.EntraSignInRequests.Add(new EntraSignInRequest(account.TenantId, account.ObjectId, link.PartnerId, link.CustomerId, account.Name, account.Email, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same person's second tab got there first: one request stands.
                db.ChangeTracker.Clear();
            }

            await events.RecordAsync("MicrosoftSignInRequested", null, account.Email, link.PartnerId, link.CustomerId);
            return Result<EntraSignInOutcome>.Ok(EntraSignInOutcome.WaitingForApproval);
        }

        return request.Status switch
        {
            EntraSignInRequestStatus.Declined => await RefuseAsync(account, PortalRefusals.Entra.SignInDeclined),
            _ => Result<EntraSignInOutcome>.Ok(EntraSignInOutcome.WaitingForApproval),
        };
    }

    private async Task<Result<EntraSignInOutcome>> RefuseAsync(EntraAccount account, Refusal kind, params object[] arguments)
    {
        await events.RecordAsync("MicrosoftSignInRefused", null, account.Email);
        return Result<EntraSignInOutcome>.Fail(kind, arguments);
    }
}
