
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Invitations;

public enum InvitationKind
{
    /// <summary>A partner invites a customer into a reseller relationship (seeds 000-003).</summary>
    ResellerRelationship,

    /// <summary>An indirect provider invites an indirect reseller into a partnership (seed 004).</summary>
    Partnership,

    /// <summary>A partner asks a customer to approve a granular delegated admin relationship (issue 10). Not a reusable link.</summary>
    AdminRelationship,

    /// <summary>The background job tells the partner's admin staff that an admin relationship ends soon (issue 24).</summary>
    ExpiryReminderToPartner,

    /// <summary>The background job tells the customer's admins that an admin relationship ends soon (issue 24).</summary>
    ExpiryReminderToCustomer,

    /// <summary>The daily digest of new Access health problems to the partner's admin staff (issue 19).</summary>
    AccessHealthDigest,
}

/// <summary>
/// The personalized link a partner puts in its email. It names only the inviting partner, the delegated-admin choice
/// and, for an indirect reseller, its provider: no customer information, reusable by any number of customers (seed 003).
/// The link's code is random and unguessable, so an altered link matches no request at all.
/// </summary>
public class InvitationLink
{
    private InvitationLink()
    {
        Code = null!;
    }

    public InvitationLink(InvitationKind kind, Guid partnerId, bool includesDelegatedAdmin, Guid? indirectProviderId, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        Code = LinkCode.New();
        Kind = kind;
        PartnerId = partnerId;
        IncludesDelegatedAdmin = includesDelegatedAdmin;
        IndirectProviderId = indirectProviderId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>URL-safe, 128 random bits.</summary>
    public string Code { get; private set; }
    public InvitationKind Kind { get; private set; }
    public Guid PartnerId { get; private set; }
    public bool IncludesDelegatedAdmin { get; private set; }
    public Guid? IndirectProviderId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The partner whose customer an accepting customer becomes.</summary>
    public Guid BillingPartnerId => IndirectProviderId ?? PartnerId;

    public static bool LooksLikeCode(string? code) => LinkCode.LooksLike(code);
}
