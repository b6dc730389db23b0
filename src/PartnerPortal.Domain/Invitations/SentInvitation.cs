namespace PartnerPortal.Domain.Invitations;

/// <summary>An invitation email sent from the portal: to whom, when, by whom, and whether a customer accepted it.</summary>
public class SentInvitation
{
    private SentInvitation()
    {
        Recipients = null!;
        SentBy = null!;
        Language = null!;
    }

    public SentInvitation(InvitationLink link, string recipients, string sentBy, string language, DateTimeOffset sentAt)
    {
        Id = Guid.CreateVersion7();
        LinkId = link.Id;
        PartnerId = link.PartnerId;
        Kind = link.Kind;
        IncludesDelegatedAdmin = link.IncludesDelegatedAdmin;
        Recipients = recipients;
        SentBy = sentBy;
        Language = language;
        SentAt = sentAt;
    }

    public Guid Id { get; private set; }
    public Guid LinkId { get; private set; }
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
