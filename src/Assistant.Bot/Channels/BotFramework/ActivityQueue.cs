using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// Activities acknowledged but not yet answered. Bounded, so a flood is refused (503) instead of held in memory;
/// split into partitions by conversation, so one conversation's messages are answered in order (a follow-up
/// after its question) while different conversations are answered in parallel.
/// </summary>
internal sealed class ActivityQueue
{
    public const int Partitions = 4;

    private readonly Channel<Activity>[] _partitions;

    public ActivityQueue(IOptions<BotFrameworkOptions> options)
    {
        var capacity = Math.Max(1, options.Value.QueueCapacity / Partitions);
        _partitions = Enumerable.Range(0, Partitions)
            .Select(_ => Channel.CreateBounded<Activity>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails fast rather than dropping queued work.
                SingleReader = true,
            }))
            .ToArray();
    }

    /// <summary>False when the conversation's partition is full.</summary>
    public bool TryEnqueue(Activity activity) => _partitions[PartitionOf(activity.Conversation?.Id)].Writer.TryWrite(activity);

    public ChannelReader<Activity> Reader(int partition) => _partitions[partition].Reader;

    private static int PartitionOf(string? conversationId) =>
        (StringComparer.Ordinal.GetHashCode(conversationId ?? "") & int.MaxValue) % Partitions;
}

/// <summary>Answers queued activities after the endpoint has acknowledged them; one reader per partition.</summary>
internal sealed class ActivityWorker(ActivityQueue queue, ActivityProcessor processor, ILogger<ActivityWorker> logger) : BackgroundService
{
    /// <summary>One activity never holds its partition longer than this (a connector that does not answer).</summary>
    private static readonly TimeSpan PerActivity = TimeSpan.FromSeconds(60);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, ActivityQueue.Partitions).Select(p => DrainAsync(queue.Reader(p), stoppingToken)));

    private async Task DrainAsync(ChannelReader<Activity> reader, CancellationToken stoppingToken)
    {
        // Yield first so the host's start-up is not held by the loop below.
        await Task.Yield();
        try
        {
            await foreach (var activity in reader.ReadAllAsync(stoppingToken))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(PerActivity);
                try
                {
                    await processor.ProcessAsync(activity, timeout.Token);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A failed reply must not stop the worker: log and go on with the next activity.
                    logger.LogError(ex, "Could not process a {Type} activity in conversation {Conversation}", activity.Type, activity.Conversation?.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
