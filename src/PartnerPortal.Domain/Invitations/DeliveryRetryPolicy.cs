namespace PartnerPortal.Domain.Invitations;

/// <summary>
/// How long the outbox keeps trying to deliver a message: after the n-th failed attempt it waits 2^(n-1) minutes, never more
/// than <see cref="MaxDelay"/> (1, 2, 4, 8, 15, 15, … minutes by default), and gives up once the next attempt would fall more
/// than <see cref="RetryFor"/> after the first one. The schedule counts attempts, not the clock, so time the portal was
/// down does not use it up.
/// </summary>
public sealed record DeliveryRetryPolicy(TimeSpan MaxDelay, TimeSpan RetryFor)
{
    public static readonly DeliveryRetryPolicy Default = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(24));

    public TimeSpan DelayAfter(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        // 2^20 minutes is two years: beyond any sensible cap, and Math.Pow stays exact.
        var minutes = Math.Pow(2, Math.Min(failedAttempts - 1, 20));
        var delay = TimeSpan.FromMinutes(minutes);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>Whether, after this many failed attempts, the next one would fall outside the schedule.</summary>
    public bool GivesUpAfter(int failedAttempts)
    {
        var elapsed = TimeSpan.Zero;
        for (var n = 1; n <= failedAttempts; n++)
        {
            elapsed += DelayAfter(n);
            if (elapsed > RetryFor)
            {
                return true;
            }
        }

        return false;
    }
}
