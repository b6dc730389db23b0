using PartnerPortal.Domain.Common;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Identity.Entra;

public enum EntraSignInRequestStatus
{
    Pending,
    Approved,
    Declined,
}

/// <summary>
/// The first "Sign in with Microsoft" of someone from a linked tenant who has no portal account yet. Nobody gets in by
/// belonging to the tenant alone: an admin of the organization approves the request (choosing the portal roles) or
/// declines it. One request per person (tenant id + object id, unique).
/// </summary>
public class EntraSignInRequest
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 256;

    private EntraSignInRequest()
    {
        DisplayName = null!;
        Email = null!;
    }

    public EntraSignInRequest(Guid tenantId, Guid objectId, Guid? partnerId, Guid? customerId, string displayName, string email, DateTimeOffset now)
    {
        if ((partnerId is null) == (customerId is null))
        {
            throw new ArgumentException("A request belongs to exactly one organization.");
        }

        Id = Guid.CreateVersion7();
        TenantId = tenantId;
        ObjectId = objectId;
        PartnerId = partnerId;
        CustomerId = customerId;
        DisplayName = Clip(displayName, MaxNameLength);
        Email = Clip(email, MaxEmailLength);
        RequestedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>The person's object id in the tenant (the token's "oid"): stable, unlike names and addresses.</summary>
    public Guid ObjectId { get; private set; }
    public Guid? PartnerId { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string DisplayName { get; private set; }
    public string Email { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public EntraSignInRequestStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public Guid? DecidedByUserId { get; private set; }

    /// <summary>The portal account the person signs in as, once approved.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>PostgreSQL's xmin: two admins deciding at once cannot both win.</summary>
    public uint Version { get; private set; }

    /// <summary>The login key stored with the portal account: the tenant and the person, both immutable ids.</summary>
    public string LoginKey => EntraLogin.Key(TenantId, ObjectId);

    public Result Approve(Guid userId, Guid decidedBy, DateTimeOffset now)
    {
        if (Status == EntraSignInRequestStatus.Approved)
        {
            return Result.Fail(PortalRefusals.Entra.AlreadyApproved);
        }

        Status = EntraSignInRequestStatus.Approved;
        UserId = userId;
        DecidedBy(decidedBy, now);
        return Result.Ok();
    }

    public Result Decline(Guid decidedBy, DateTimeOffset now)
    {
        if (Status != EntraSignInRequestStatus.Pending)
        {
            return Result.Fail(PortalRefusals.Entra.OnlyPendingDeclined);
        }

        Status = EntraSignInRequestStatus.Declined;
        DecidedBy(decidedBy, now);
        return Result.Ok();
    }

    private void DecidedBy(Guid userId, DateTimeOffset now)
    {
        DecidedByUserId = userId;
        DecidedAt = now;
    }

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>How a Microsoft Entra account is stored as an ASP.NET Core Identity external login.</summary>
public static class EntraLogin
{
    /// <summary>The login provider name in AspNetUserLogins, whichever authority (cloud) the person signed in at.</summary>
    public const string Provider = "MicrosoftEntraID";

    public static string Key(Guid tenantId, Guid objectId) => $"{tenantId:D}:{objectId:D}";
}
