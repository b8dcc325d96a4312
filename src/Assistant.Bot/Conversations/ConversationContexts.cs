using System.Threading.Channels;
using Assistant.Bot.Storage;
using Assistant.Index.Answers;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Conversations;

/// <summary>
/// Conversation contexts on their way to the store, written in batches: every context saved while one batch is being
/// written goes into the next, so under load many answers share one transaction (group commit). A saved context is
/// readable at once from memory.
/// </summary>
/// <remarks>
/// Why: one transaction per question was the main cost of <c>/api/ask</c> under load. Writing behind (the default on
/// SQLite; see <see cref="ConversationOptions.WriteBehind"/>) also takes the write off the answer's path; what it trades is that a kill -9 loses the contexts of the last few milliseconds'
/// answers — their follow-ups must be asked in full, while the conversations themselves (Direct Line activities) and
/// every complaint and draft stay written before they are acknowledged. A clean stop writes everything pending.
/// </remarks>
public sealed class ConversationContexts : BackgroundService
{
    /// <summary>Contexts per store write; a larger backlog is written in several.</summary>
    internal const int BatchSize = 500;

    /// <summary>Writing behind with the store down or slow: beyond this backlog, saves wait for the store.</summary>
    internal const int MaxPending = 50_000;

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly IConversationStore _store;
    private readonly ILogger<ConversationContexts> _logger;
    private readonly TimeSpan _collect;
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // Not disposed: a SemaphoreSlim holds no handle unless AvailableWaitHandle is read, and a host may dispose its services
    // before every hosted service has stopped.
    private readonly SemaphoreSlim _writer = new(1, 1);
    private Dictionary<string, ConversationContext> _next = new(StringComparer.Ordinal);
    private Dictionary<string, ConversationContext> _writing = new(StringComparer.Ordinal);
    private TaskCompletionSource _nextWritten = NewBatch();

    public ConversationContexts(IConversationStore store, IOptions<ConversationOptions> options, IConfiguration configuration, ILogger<ConversationContexts> logger)
    {
        _store = store;
        _logger = logger;
        WritesBehind = options.Value.WriteBehind ?? !configuration.UsesPostgres();
        _collect = WritesBehind ? TimeSpan.FromMilliseconds(options.Value.WriteBehindMilliseconds) : TimeSpan.Zero;
    }

    public bool WritesBehind { get; }

    /// <summary>Contexts saved but not yet in the store.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _next.Count + _writing.Count;
            }
        }
    }

    public ValueTask<ConversationContext?> GetAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_next.TryGetValue(conversationId, out var context) || _writing.TryGetValue(conversationId, out context))
            {
                return ValueTask.FromResult<ConversationContext?>(context);
            }
        }

        return new ValueTask<ConversationContext?>(_store.GetContextAsync(conversationId, cancellationToken));
    }

    /// <summary>Queues the context for the next batch. Completes at once when writing behind, else when the batch is stored.</summary>
    public Task SaveAsync(string conversationId, ConversationContext context, CancellationToken cancellationToken)
    {
        Task written;
        int queued;
        lock (_gate)
        {
            _next[conversationId] = context;
            written = _nextWritten.Task;
            queued = _next.Count;
        }

        _wake.Writer.TryWrite(true);
        return WritesBehind && queued <= MaxPending ? Task.CompletedTask : written.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is queued, batch after batch, until nothing is; returns once it is all in the store.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            while (TakeBatch() is ({ } batch, { } written))
            {
                try
                {
                    foreach (var chunk in batch.Chunk(BatchSize))
                    {
                        await _store.SaveContextsAsync(chunk, cancellationToken);
                    }

                    Finish(requeue: null);
                    written.SetResult();
                }
                catch (Exception e)
                {
                    // Writing behind, nobody waits for this batch: keep it (it still answers follow-ups) and try again.
                    Finish(requeue: WritesBehind ? batch : null);
                    written.SetException(e);
                    _ = written.Task.Exception;
                    throw;
                }
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _wake.Reader.WaitToReadAsync(stoppingToken))
        {
            _wake.Reader.TryRead(out _);
            if (_collect > TimeSpan.Zero)
            {
                await Task.Delay(_collect, stoppingToken);
            }

            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Writing conversation contexts failed; {Count} are kept in memory and retried in {Delay}", Pending, RetryAfterFailure);
                if (WritesBehind)
                {
                    await Task.Delay(RetryAfterFailure, stoppingToken);
                    _wake.Writer.TryWrite(true);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Pending == 0)
        {
            return;
        }

        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Writing conversation contexts on shutdown failed: the follow-ups of {Count} conversations are lost", Pending);
        }
    }

    /// <summary>Moves the queued contexts to the batch being written; a new queue starts for the saves that follow.</summary>
    private (KeyValuePair<string, ConversationContext>[] Batch, TaskCompletionSource Written)? TakeBatch()
    {
        lock (_gate)
        {
            if (_next.Count == 0)
            {
                return null;
            }

            (_writing, _next) = (_next, new(StringComparer.Ordinal));
            var written = _nextWritten;
            _nextWritten = NewBatch();
            return (_writing.ToArray(), written);
        }
    }

    /// <summary>The batch is done; a failed one may go back in the queue, behind any newer context of the same conversation.</summary>
    private void Finish(KeyValuePair<string, ConversationContext>[]? requeue)
    {
        lock (_gate)
        {
            foreach (var (conversationId, context) in requeue ?? [])
            {
                _next.TryAdd(conversationId, context);
            }

            _writing = new(StringComparer.Ordinal);
        }
    }

    private static TaskCompletionSource NewBatch() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
