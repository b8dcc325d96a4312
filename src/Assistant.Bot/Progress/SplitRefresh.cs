using Assistant.Index;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Progress;

/// <summary>
/// Several instances share one database: an approval made on another instance reaches this one's plan on the next check
/// (a read of the approved ids; the plan is rebuilt only when they changed).
/// </summary>
internal sealed class SplitRefresh(LivePlan plan, IOptions<ProgressOptions> options, ILogger<SplitRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SplitRefreshSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SplitRefreshSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var before = plan.Current;
                if (await plan.ReloadAsync(stoppingToken) is var now && !ReferenceEquals(before, now))
                {
                    logger.LogInformation("Plan rebuilt with {Count} approved split corrections (approved on another instance)", now.Corrections.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a moment: keep the plan as it is and check again next time.
                logger.LogWarning(e, "Checking for approved split corrections failed");
            }
        }
    }
}
