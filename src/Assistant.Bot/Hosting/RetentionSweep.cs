namespace Assistant.Bot.Hosting;

/// <summary>
/// Deletes what a retention setting no longer allows: at start, then once an hour. A failed sweep is logged and tried
/// again at the next one.
/// </summary>
internal abstract class RetentionSweep(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>What is deleted, for the log ("idle conversation contexts").</summary>
    protected abstract string What { get; }

    /// <summary>Deletes what is due at <paramref name="now"/>; returns how many.</summary>
    protected abstract Task<int> DeleteAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var deleted = await DeleteAsync(clock.GetUtcNow(), stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} {What}", deleted, What);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting {What} failed; will try again", What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
