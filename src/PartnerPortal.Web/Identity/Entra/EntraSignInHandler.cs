using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Data;
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
    /// <summary>Said both when no organization linked the tenant and when the account belongs to another one than the link's.</summary>
    private const string NotLinked = "Your organization's Microsoft Entra tenant is not linked to PartnerPortal. Ask your organization's Global admin to link it, or sign in with your email and password.";

    public async Task<Result<EntraSignInOutcome>> SignInAsync(EntraAccount account, EntraAuthority authority)
    {
        var link = await lookups.FindEntraTenantLinkAsync(account.TenantId);
        if (link is null)
        {
            return await RefuseAsync(account, NotLinked);
        }

        var cloud = await lookups.CloudOfAsync(link.PartnerId, link.CustomerId);
        if (CloudPolicies.For(cloud).SignInAuthority != authority)
        {
            return await RefuseAsync(account, "Your organization works in {0}: sign in with the Microsoft button for that cloud.", CloudPolicies.For(cloud).DisplayName);
        }

        if (link.PartnerId is not null && mfa.Value.RequiredForPartnerUsers && !account.UsedMultiFactor)
        {
            return await RefuseAsync(account, "PartnerPortal requires multi-factor authentication for partner staff, and this Microsoft sign-in did not use it. Ask your administrator to require it for you, then sign in again.");
        }

        var user = await users.FindByLoginAsync(EntraLogin.Provider, account.LoginKey);
        if (user is not null)
        {
            if (user.PartnerId != link.PartnerId || user.CustomerId != link.CustomerId)
            {
                return await RefuseAsync(account, NotLinked);
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
            EntraSignInRequestStatus.Declined => await RefuseAsync(account, "An administrator of your organization declined your access to PartnerPortal."),
            _ => Result<EntraSignInOutcome>.Ok(EntraSignInOutcome.WaitingForApproval),
        };
    }

    private async Task<Result<EntraSignInOutcome>> RefuseAsync(EntraAccount account, string message, params object[] arguments)
    {
        await events.RecordAsync("MicrosoftSignInRefused", null, account.Email);
        return Result<EntraSignInOutcome>.Fail(message, arguments);
    }
}
