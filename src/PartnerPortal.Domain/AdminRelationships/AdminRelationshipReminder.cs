namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>
/// A reminder email sent (or covered by a nearer one) for one end date of one relationship. Its key is the rule "once each":
/// a second job run, a restart or a second node finds the row and sends nothing.
/// </summary>
public class AdminRelationshipReminder
{
    private AdminRelationshipReminder()
    {
    }

    public AdminRelationshipReminder(Guid relationshipId, DateTimeOffset endsAt, int daysBefore, DateTimeOffset sentAt)
    {
        RelationshipId = relationshipId;
        EndsAt = endsAt;
        DaysBefore = daysBefore;
        SentAt = sentAt;
    }

    public Guid RelationshipId { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public int DaysBefore { get; private set; }
    public DateTimeOffset SentAt { get; private set; }
}
