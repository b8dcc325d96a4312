using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// Activities acknowledged but not yet answered, in this instance's memory; each is also in the
/// <see cref="IActivityInbox"/> until answered. Bounded, so a flood is refused (503) instead of held in memory;
/// split into partitions by conversation, so one conversation's messages are answered in order (a follow-up
/// after its question) while different conversations are answered in parallel.
/// </summary>
internal sealed class ActivityQueue
{
    public const int Partitions = 4;

    private readonly Channel<InboxEntry>[] _partitions;

    public ActivityQueue(IOptions<BotFrameworkOptions> options)
    {
        var capacity = Math.Max(1, options.Value.QueueCapacity / Partitions);
        Lease = TimeSpan.FromSeconds(options.Value.InboxLeaseSeconds);
        _partitions = Enumerable.Range(0, Partitions)
            .Select(_ => Channel.CreateBounded<InboxEntry>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails fast rather than dropping queued work.
                SingleReader = true,
            }))
            .ToArray();
    }

    /// <summary>This instance, as the owner of its inbox leases: new at each start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():n}";

    public TimeSpan Lease { get; }

    /// <summary>False when the conversation's partition is full.</summary>
    public bool TryEnqueue(InboxEntry entry) => Partition(entry).Writer.TryWrite(entry);

    /// <summary>Waits for room: for entries taken over from the inbox, which were acknowledged long ago.</summary>
    public ValueTask EnqueueAsync(InboxEntry entry, CancellationToken cancellationToken) => Partition(entry).Writer.WriteAsync(entry, cancellationToken);

    public ChannelReader<InboxEntry> Reader(int partition) => _partitions[partition].Reader;

    private Channel<InboxEntry> Partition(InboxEntry entry) =>
        _partitions[(StringComparer.Ordinal.GetHashCode(entry.Activity.Conversation?.Id ?? "") & int.MaxValue) % Partitions];
}

/// <summary>
/// Answers queued activities after the endpoint has acknowledged them, one reader per partition, and deletes each from
/// the inbox once answered. Stopping, it leaves what it did not answer in the inbox and gives up its leases, so the
/// next start (or another instance) answers it.
/// </summary>
internal sealed class ActivityWorker(ActivityQueue queue, IActivityInbox inbox, ActivityProcessor processor, ILogger<ActivityWorker> logger)
    : BackgroundService
{
    /// <summary>One activity never holds its partition longer than this (a connector that does not answer).</summary>
    private static readonly TimeSpan PerActivity = TimeSpan.FromSeconds(60);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, ActivityQueue.Partitions).Select(p => DrainAsync(queue.Reader(p), stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await inbox.RenewAsync(queue.Owner, TimeSpan.Zero, cancellationToken);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not give up the inbox leases; unanswered activities wait for them to run out");
        }
    }

    private async Task DrainAsync(ChannelReader<InboxEntry> reader, CancellationToken stoppingToken)
    {
        // Yield first so the host's start-up is not held by the loop below.
        await Task.Yield();
        try
        {
            await foreach (var (id, activity) in reader.ReadAllAsync(stoppingToken))
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

                await RemoveAsync(id);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was not answered stays in the inbox.
        }
    }

    private async Task RemoveAsync(long id)
    {
        try
        {
            await inbox.RemoveAsync(id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Left in the inbox, it is answered a second time after the next restart: better than not at all.
            logger.LogError(ex, "Could not delete answered activity {Id} from the inbox", id);
        }
    }
}

/// <summary>
/// Keeps this instance's inbox leases alive, and takes over activities whose answering instance died: at start (on
/// SQLite, everything a previous process left) and then every third of a lease.
/// </summary>
internal sealed class ActivityInboxKeeper(ActivityQueue queue, IActivityInbox inbox, ILogger<ActivityInboxKeeper> logger) : BackgroundService
{
    private const int ClaimBatch = 100;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RepeatAsync("renew", RenewAsync, stoppingToken), RepeatAsync("take over", TakeOverAsync, stoppingToken));

    private async Task RenewAsync(CancellationToken cancellationToken) => await inbox.RenewAsync(queue.Owner, queue.Lease, cancellationToken);

    private async Task TakeOverAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<InboxEntry> orphans;
        do
        {
            orphans = await inbox.ClaimOrphansAsync(queue.Owner, queue.Lease, ClaimBatch, cancellationToken);
            if (orphans.Count > 0)
            {
                logger.LogWarning("Answering {Count} acknowledged activities that an earlier or another instance did not answer", orphans.Count);
            }

            foreach (var orphan in orphans)
            {
                await queue.EnqueueAsync(orphan, cancellationToken);
            }
        }
        while (orphans.Count == ClaimBatch);
    }

    private async Task RepeatAsync(string what, Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(queue.Lease / 3);
        do
        {
            try
            {
                await step(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Activity inbox: could not {What}; trying again in {Period}", what, queue.Lease / 3);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
