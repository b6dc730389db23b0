using System.Linq.Expressions;

namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>
/// <see cref="AdminRelationship.PhaseAt"/> as expressions the database runs, so the Admin relationships page's views and
/// tiles, the Graph API's <c>$filter</c>, the background job and the customer's admin rights all ask the same question.
/// The stored end date lags an auto-extending relationship until the job rolls it on; these treat such a row as in force
/// (as <see cref="AdminRelationship.EndsAtAsOf"/> does) and never as expiring.
/// </summary>
public static class AdminRelationshipPhases
{
    private const AdminRelationshipStatus Active = AdminRelationshipStatus.Active;

    /// <summary>Active and not past its end, or auto-extending: its roles apply (<see cref="AdminRelationship.IsInForceAt"/>).</summary>
    public static Expression<Func<AdminRelationship, bool>> InForce(DateTimeOffset now) =>
        r => r.Status == Active && (r.EndsAt > now || r.AutoExtend);

    /// <summary>Active and ending after now and within the given number of days (the page's 1, 7 and 30 day views).</summary>
    public static Expression<Func<AdminRelationship, bool>> EndingWithin(DateTimeOffset now, int days)
    {
        var until = now.AddDays(days);
        return r => r.Status == Active && r.EndsAt > now && r.EndsAt <= until;
    }

    /// <summary>Active and ending more than the given number of days from now.</summary>
    public static Expression<Func<AdminRelationship, bool>> EndingAfter(DateTimeOffset now, int days)
    {
        var after = now.AddDays(days);
        return r => r.Status == Active && r.EndsAt > after;
    }

    /// <summary>Expired, whether or not the job has stored it yet.</summary>
    public static Expression<Func<AdminRelationship, bool>> Expired(DateTimeOffset now) =>
        r => r.Status == AdminRelationshipStatus.Expired || (r.Status == Active && !r.AutoExtend && r.EndsAt <= now);

    /// <summary>Expired within the period that starts at <paramref name="since"/>.</summary>
    public static Expression<Func<AdminRelationship, bool>> ExpiredSince(DateTimeOffset now, DateTimeOffset since) =>
        r => (r.Status == AdminRelationshipStatus.Expired || (r.Status == Active && !r.AutoExtend)) && r.EndsAt <= now && r.EndsAt > since;

    /// <summary>Requested and not yet approved: created, or approval pending.</summary>
    public static Expression<Func<AdminRelationship, bool>> AwaitingApproval =>
        r => r.Status == AdminRelationshipStatus.Created || r.Status == AdminRelationshipStatus.ApprovalPending;

    /// <summary>Active with a stored end date that has come: the job extends or expires it.</summary>
    public static Expression<Func<AdminRelationship, bool>> EndOfTermDue(DateTimeOffset now) =>
        r => r.Status == Active && r.EndsAt <= now;

    /// <summary>Active without auto-extend and ending within the first reminder's horizon.</summary>
    public static Expression<Func<AdminRelationship, bool>> RemindersDue(DateTimeOffset now)
    {
        var horizon = now.AddDays(AdminRelationshipRules.ReminderDays.Max());
        return r => r.Status == Active && !r.AutoExtend && r.EndsAt > now && r.EndsAt <= horizon;
    }

    /// <summary>The rows in a phase as <see cref="AdminRelationship.PhaseAt"/> names it.</summary>
    public static Expression<Func<AdminRelationship, bool>> In(AdminRelationshipPhase phase, DateTimeOffset now)
    {
        var expiringUntil = now.AddDays(AdminRelationshipRules.ExpiringWithinDays);
        return phase switch
        {
            AdminRelationshipPhase.Created => r => r.Status == AdminRelationshipStatus.Created,
            AdminRelationshipPhase.ApprovalPending => r => r.Status == AdminRelationshipStatus.ApprovalPending,
            AdminRelationshipPhase.Active => r => r.Status == Active && (r.EndsAt > expiringUntil || (r.AutoExtend && r.EndsAt <= now)),
            AdminRelationshipPhase.Expiring => EndingWithin(now, AdminRelationshipRules.ExpiringWithinDays),
            AdminRelationshipPhase.Expired => Expired(now),
            AdminRelationshipPhase.Terminated => r => r.Status == AdminRelationshipStatus.Terminated,
            _ => r => false,
        };
    }
}
