namespace PartnerPortal.Domain.Invitations;

public enum DeliveryStatus
{
    /// <summary>Recorded with the invitation; the dispatcher has not delivered it yet (or will try again).</summary>
    Queued,
    Sent,

    /// <summary>Every attempt failed; <see cref="SentInvitation.LastError"/> says why. Retry queues it again.</summary>
    Failed,
}

/// <summary>
/// An invitation email sent from the portal: to whom, when, by whom, whether a customer accepted it, and its delivery. The row
/// is also the outbox: it is recorded with the request, and a background dispatcher delivers the message.
/// </summary>
public class SentInvitation
{

    private SentInvitation()
    {
        Recipients = null!;
        SentBy = null!;
        Language = null!;
        Subject = null!;
        Body = null!;
    }

    public SentInvitation(InvitationLink link, string recipients, string sentBy, string language, DateTimeOffset sentAt)
        : this(link.PartnerId, link.Kind, recipients, sentBy, language, sentAt)
    {
        LinkId = link.Id;
        IncludesDelegatedAdmin = link.IncludesDelegatedAdmin;
    }

    /// <summary>The email asking a customer to approve a granular delegated admin relationship (issue 10).</summary>
    public SentInvitation(AdminRelationships.AdminRelationship relationship, string recipients, string sentBy, string language, DateTimeOffset sentAt)
        : this(relationship.PartnerId, InvitationKind.AdminRelationship, recipients, sentBy, language, sentAt)
    {
        AdminRelationshipId = relationship.Id;
    }

    /// <summary>
    /// An expiry reminder, queued in the same outbox (so its delivery shows and is retried) with its subject and body: one per
    /// organization, <paramref name="kind"/> saying which.
    /// </summary>
    public static SentInvitation Reminder(AdminRelationships.AdminRelationship relationship, InvitationKind kind, string recipients, string language, string subject, string body, DateTimeOffset at)
    {
        if (kind is not (InvitationKind.ExpiryReminderToPartner or InvitationKind.ExpiryReminderToCustomer))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a reminder.");
        }

        var reminder = new SentInvitation(relationship.PartnerId, kind, recipients, ReminderSender, language, at) { AdminRelationshipId = relationship.Id };
        reminder.SetMessage(subject, body);
        return reminder;
    }

    /// <summary>The daily digest of new Access health problems, to the partner's admin staff who read one language.</summary>
    public static SentInvitation Digest(Guid partnerId, string recipients, string language, string subject, string body, DateTimeOffset at)
    {
        var digest = new SentInvitation(partnerId, InvitationKind.AccessHealthDigest, recipients, ReminderSender, language, at);
        digest.SetMessage(subject, body);
        return digest;
    }

    /// <summary>Who "sent" a message the portal's job wrote.</summary>
    public const string ReminderSender = "PartnerPortal";

    /// <summary>A message the portal's job wrote (a reminder, a digest): it has no reply-to person and no acceptance.</summary>
    public bool IsReminder => Kind is InvitationKind.ExpiryReminderToPartner or InvitationKind.ExpiryReminderToCustomer or InvitationKind.AccessHealthDigest;

    private SentInvitation(Guid partnerId, InvitationKind kind, string recipients, string sentBy, string language, DateTimeOffset sentAt)
    {
        Subject = string.Empty;
        Body = string.Empty;
        DeliveryStatus = DeliveryStatus.Queued;
        NextAttemptAt = sentAt;
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Kind = kind;
        Recipients = recipients;
        SentBy = sentBy;
        Language = language;
        SentAt = sentAt;
    }

    public Guid Id { get; private set; }
    /// <summary>The reseller or partnership link sent; null for an admin relationship's email.</summary>
    public Guid? LinkId { get; private set; }

    /// <summary>The admin relationship whose approval link was sent.</summary>
    public Guid? AdminRelationshipId { get; private set; }
    public Guid PartnerId { get; private set; }
    public InvitationKind Kind { get; private set; }
    public bool IncludesDelegatedAdmin { get; private set; }

    /// <summary>Comma-separated addresses.</summary>
    public string Recipients { get; private set; }
    public string SentBy { get; private set; }
    public string Language { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? AcceptedByOrganization { get; private set; }
    public DateTimeOffset? DeclinedAt { get; private set; }

    public string Subject { get; private set; }

    /// <summary>The message as delivered, tracking reference included.</summary>
    public string Body { get; private set; }
    public DeliveryStatus DeliveryStatus { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Set while one dispatcher is delivering it, so no other process takes it too.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public void SetMessage(string subject, string body)
    {
        Subject = subject;
        Body = body;
    }

    public void MarkDelivered(DateTimeOffset at)
    {
        DeliveryStatus = DeliveryStatus.Sent;
        DeliveredAt = at;
        LastError = null;
        LockedUntil = null;
    }

    /// <summary>
    /// Records a failed attempt and, while <paramref name="policy"/>'s schedule lasts, when to try again; after that the message
    /// has failed for good (a person can Retry it).
    /// </summary>
    public void MarkAttemptFailed(string error, DateTimeOffset at, DeliveryRetryPolicy policy)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        LockedUntil = null;
        if (policy.GivesUpAfter(Attempts))
        {
            DeliveryStatus = DeliveryStatus.Failed;
            return;
        }

        NextAttemptAt = at + policy.DelayAfter(Attempts);
    }

    /// <summary>
    /// Not attempted now because the relay just refused another message of the same batch: waits as long as that one, costing
    /// no attempt, so an outage does not turn a batch into a burst of connections.
    /// </summary>
    public void Defer(DateTimeOffset until)
    {
        LockedUntil = null;
        if (until > NextAttemptAt)
        {
            NextAttemptAt = until;
        }
    }

    /// <summary>The partner asks for another round of attempts after a failure.</summary>
    public bool Retry(DateTimeOffset at)
    {
        if (DeliveryStatus != DeliveryStatus.Failed)
        {
            return false;
        }

        DeliveryStatus = DeliveryStatus.Queued;
        Attempts = 0;
        NextAttemptAt = at;
        return true;
    }

    public void MarkAccepted(string organization, DateTimeOffset at)
    {
        if (AcceptedAt is null)
        {
            AcceptedAt = at;
            AcceptedByOrganization = organization;
        }
    }

    public void MarkDeclined(DateTimeOffset at) => DeclinedAt ??= at;
}
