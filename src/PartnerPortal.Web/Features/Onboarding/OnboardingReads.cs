using Microsoft.EntityFrameworkCore;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.Onboarding;

/// <summary>A batch's progress: how many of its rows are at each state.</summary>
public sealed record BatchProgress(OnboardingBatch Batch, IReadOnlyDictionary<OnboardingState, int> Counts)
{
    public int Count(OnboardingState state) => Counts.GetValueOrDefault(state);

    /// <summary>Rows the job still has to send (the only part that runs in the background without the customer).</summary>
    public int Queued => Count(OnboardingState.Queued);

    public int Sent => Batch.Rows - Queued;

    public int Percent => Batch.Rows == 0 ? 100 : Sent * 100 / Batch.Rows;
}

/// <summary>What the onboarding pages and the dashboard read: batches with their progress, and a batch's rows a page at a time.</summary>
public sealed class OnboardingReads(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<BatchProgress>> RecentBatchesAsync(int take = 20)
    {
        var batches = await db.OnboardingBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(take).ToListAsync();
        var ids = batches.Select(b => b.Id).ToArray();
        var counts = await db.Onboardings.AsNoTracking().Where(o => ids.Contains(o.BatchId))
            .GroupBy(o => new { o.BatchId, o.State }).Select(g => new { g.Key.BatchId, g.Key.State, Count = g.Count() }).ToListAsync();
        return batches.Select(b => new BatchProgress(b, counts.Where(c => c.BatchId == b.Id).ToDictionary(c => c.State, c => c.Count))).ToList();
    }

    public async Task<BatchProgress?> BatchAsync(Guid id)
    {
        var batch = await db.OnboardingBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id);
        if (batch is null)
        {
            return null;
        }

        var counts = await db.Onboardings.AsNoTracking().Where(o => o.BatchId == id)
            .GroupBy(o => o.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        return new BatchProgress(batch, counts);
    }

    /// <summary>A page of the batch's rows (seek on id), optionally only those at one state.</summary>
    public async Task<IReadOnlyList<Domain.Onboarding.Onboarding>> RowsAsync(Guid batchId, OnboardingState? state, Guid? after)
    {
        var rows = db.Onboardings.AsNoTracking().Where(o => o.BatchId == batchId);
        if (state is { } only)
        {
            rows = rows.Where(o => o.State == only);
        }

        if (after is { } cursor)
        {
            rows = rows.Where(o => o.Id.CompareTo(cursor) > 0);
        }

        return await rows.OrderBy(o => o.Id).Take(PageSize + 1).ToListAsync();
    }

    /// <summary>For the dashboard: onboardings in progress and failed ones, across every batch.</summary>
    public async Task<(int InProgress, int Failed)> TotalsAsync()
    {
        var counts = await db.Onboardings.AsNoTracking()
            .Where(o => OnboardingRules.OpenStates.Contains(o.State))
            .GroupBy(o => o.State == OnboardingState.Failed).Select(g => new { Failed = g.Key, Count = g.Count() }).ToListAsync();
        return (counts.Where(c => !c.Failed).Sum(c => c.Count), counts.Where(c => c.Failed).Sum(c => c.Count));
    }
}
