using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>What a bulk change does to each relationship it holds.</summary>
public enum BulkChangeKind
{
    AutoExtendOn,
    AutoExtendOff,
    Terminate,
}

/// <summary>Where one relationship of a bulk change stands: waiting, or done in one of three ways.</summary>
public enum BulkItemState
{
    Queued,

    /// <summary>Changed as asked.</summary>
    Changed,

    /// <summary>Already as asked (auto-extend already on, say): nothing to do.</summary>
    Unchanged,

    /// <summary>Not changed; the reason says why (Global Administrator, already ended, ...).</summary>
    Refused,
}

/// <summary>
/// One bulk action on Admin relationships (issue 19): auto-extend on or off, or terminate, for a selection or every row a filter
/// shows, with no cap. Its items are done in the background a few per transaction; its progress is theirs.
/// </summary>
public class AdminRelationshipBulkChange
{
    private AdminRelationshipBulkChange()
    {
        CreatedBy = null!;
    }

    public AdminRelationshipBulkChange(Guid partnerId, BulkChangeKind kind, string createdBy, int rows, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Kind = kind;
        CreatedBy = createdBy;
        Rows = rows;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public BulkChangeKind Kind { get; private set; }

    /// <summary>The person who started it; the audit entries of its changes name them.</summary>
    public string CreatedBy { get; private set; }
    public int Rows { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}

/// <summary>One relationship in a bulk change. It moves once, from queued to changed, unchanged or refused.</summary>
public class AdminRelationshipBulkItem
{
    private AdminRelationshipBulkItem()
    {
        RelationshipName = null!;
    }

    public AdminRelationshipBulkItem(AdminRelationshipBulkChange change, Guid relationshipId, string relationshipName)
    {
        Id = Guid.CreateVersion7();
        ChangeId = change.Id;
        PartnerId = change.PartnerId;
        RelationshipId = relationshipId;
        RelationshipName = relationshipName;
        State = BulkItemState.Queued;
    }

    public Guid Id { get; private set; }
    public Guid ChangeId { get; private set; }
    public Guid PartnerId { get; private set; }
    public Guid RelationshipId { get; private set; }

    /// <summary>The name when the change was started, so a refused row reads as the person saw it.</summary>
    public string RelationshipName { get; private set; }
    public BulkItemState State { get; private set; }
    public string? RefusalCode { get; private set; }
    public string? RefusalMessage { get; private set; }
    public string[] RefusalArguments { get; private set; } = [];
    public DateTimeOffset? DoneAt { get; private set; }

    /// <summary>Records what became of the row: changed, unchanged, or (with <paramref name="refusal"/>) refused.</summary>
    public Result Done(BulkItemState state, DomainError? refusal, DateTimeOffset at)
    {
        if (State != BulkItemState.Queued || state == BulkItemState.Queued || (state == BulkItemState.Refused) != (refusal is not null))
        {
            return Result.Fail(Refusals.AdminRelationships.BulkItemDone);
        }

        State = state;
        DoneAt = at;
        if (refusal is not null)
        {
            RefusalCode = refusal.Code;
            RefusalMessage = refusal.Message;
            RefusalArguments = refusal.Arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
        }

        return Result.Ok();
    }
}
