namespace PartnerPortal.Web.Infrastructure;

/// <summary>The settings every row-claiming job reads from its own configuration section.</summary>
public abstract class RowClaimJobOptions
{
    /// <summary>How often the job looks for work when nobody nudges it.</summary>
    public double JobPollSeconds { get; set; } = 10;

    /// <summary>Off, the job runs only when called (tests that step it by hand); the pages still work.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How many rows one transaction takes: a crash loses at most this many rows' work, which the next run redoes.</summary>
    public int RowsPerTransaction { get; set; } = 25;
}

/// <summary>
/// A background job over a table of rows with work to do (issue 19): each transaction claims a few rows with
/// <c>FOR UPDATE SKIP LOCKED</c> and does their next step, so any number of nodes share the work, no row is done twice, and a
/// node killed mid-way leaves each row as it was before its transaction or done. A command that adds work calls
/// <see cref="Nudge"/>; otherwise the job polls, so rows added on another node are picked up too.
/// </summary>
/// <typeparam name="TRun">What one transaction did, added up over a run.</typeparam>
public abstract class RowClaimJob<TRun>(Func<RowClaimJobOptions> options, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim _nudge = new(0);

    /// <summary>Nothing done.</summary>
    protected abstract TRun None { get; }

    /// <summary>Wakes the job now instead of at its next poll.</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            _nudge.Release();
        }
    }

    public override void Dispose()
    {
        _nudge.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs until no row has work left (or <paramref name="maxTransactions"/> transactions, for a test that stops midway).</summary>
    public async Task<TRun> RunOnceAsync(int maxTransactions = int.MaxValue, CancellationToken ct = default)
    {
        var total = None;
        for (var transactions = 0; transactions < maxTransactions; transactions++)
        {
            var (took, run) = await RunTransactionAsync(options().RowsPerTransaction, ct);
            total = Add(total, run);
            if (!took)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>One transaction: claims up to <paramref name="take"/> rows and does their next step; <c>Took</c> is false when no row had work.</summary>
    protected abstract Task<(bool Took, TRun Run)> RunTransactionAsync(int take, CancellationToken ct);

    protected abstract TRun Add(TRun total, TRun run);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (options().RunInBackground && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(ct: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Job} failed; trying again at the next run", GetType().Name);
            }

            try
            {
                await _nudge.WaitAsync(TimeSpan.FromSeconds(options().JobPollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
