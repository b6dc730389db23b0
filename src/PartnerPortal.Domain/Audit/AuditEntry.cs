namespace PartnerPortal.Domain.Audit;

/// <summary>One recorded action: who, for which organization, when, what, and the state before and after.</summary>
public class AuditEntry
{
    private AuditEntry()
    {
        Action = null!;
        Actor = null!;
    }

    public AuditEntry(string action, string actor, Guid? partnerId, Guid? customerId, string? subject, string? before, string? after, DateTimeOffset at)
    {
        // Subjects and actors are for reading (a list of recipients can be long); the full values are in Before/After.
        Subject = Shorten(subject, MaxSubjectLength);
        Id = Guid.CreateVersion7();
        Action = action;
        Actor = Shorten(actor, MaxActorLength)!;
        PartnerId = partnerId;
        CustomerId = customerId;
        Before = before;
        After = after;
        At = at;
    }

    public const int MaxSubjectLength = 256;
    public const int MaxActorLength = 256;

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>A stable action name, e.g. "RelationshipAccepted"; also the localization key for its label.</summary>
    public string Action { get; private set; }

    /// <summary>The user's email, or "system".</summary>
    public string Actor { get; private set; }

    /// <summary>The partner organization the entry belongs to (its Audit log page shows it).</summary>
    public Guid? PartnerId { get; private set; }
    public Guid? CustomerId { get; private set; }

    /// <summary>What the entry is about, as shown then (e.g. the customer's name): stays readable after the relationship ends.</summary>
    public string? Subject { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }

    private static string? Shorten(string? value, int max) => value is null || value.Length <= max ? value : value[..(max - 1)] + "…";
}
