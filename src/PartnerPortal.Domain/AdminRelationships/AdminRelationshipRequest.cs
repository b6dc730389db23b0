namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>What a partner asked of an admin relationship (Graph's <c>delegatedAdminRelationshipRequest.action</c>).</summary>
public enum AdminRelationshipRequestAction
{
    /// <summary>Offer the relationship to its customer for approval.</summary>
    LockForApproval,

    /// <summary>End it (withdraw it, while not yet approved).</summary>
    Terminate,
}

/// <summary>
/// One request a partner made of an admin relationship, from a page or the API, kept so a script can follow what it posted
/// (Graph's <c>…/requests</c> list and get). The portal carries out a request in the same transaction that records it, so a
/// stored request has succeeded.
/// </summary>
public class AdminRelationshipRequest
{
    private AdminRelationshipRequest()
    {
    }

    public AdminRelationshipRequest(AdminRelationship relationship, AdminRelationshipRequestAction action, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        RelationshipId = relationship.Id;
        PartnerId = relationship.PartnerId;
        Action = action;
        CreatedAt = at;
        LastModifiedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid RelationshipId { get; private set; }
    public Guid PartnerId { get; private set; }
    public AdminRelationshipRequestAction Action { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastModifiedAt { get; private set; }
}
