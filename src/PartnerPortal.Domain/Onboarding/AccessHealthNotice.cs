namespace PartnerPortal.Domain.Onboarding;

/// <summary>
/// An Access health problem the partner's staff have been told about (issue 19): the daily digest tells each problem once. A
/// problem that clears loses its notice, so if it comes back it is news again.
/// </summary>
public class AccessHealthNotice
{
    private AccessHealthNotice()
    {
        Problem = null!;
        Key = null!;
    }

    public AccessHealthNotice(Guid partnerId, string problem, string key, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        Problem = problem;
        Key = key;
        NotifiedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public string Problem { get; private set; }

    /// <summary>What the problem is about (customer, relationship, onboarding), so the same problem reads as the same.</summary>
    public string Key { get; private set; }
    public DateTimeOffset NotifiedAt { get; private set; }
}

/// <summary>That a partner's digest ran on a day (UTC): one per partner and day, whichever node runs first.</summary>
public class AccessHealthDigestRun
{
    private AccessHealthDigestRun()
    {
    }

    public AccessHealthDigestRun(Guid partnerId, DateOnly day, int newProblems, DateTimeOffset at)
    {
        PartnerId = partnerId;
        Day = day;
        NewProblems = newProblems;
        RanAt = at;
    }

    public Guid PartnerId { get; private set; }
    public DateOnly Day { get; private set; }
    public int NewProblems { get; private set; }
    public DateTimeOffset RanAt { get; private set; }
}
