using System.Collections.Concurrent;
using Assistant.Bot.Conversations;
using Assistant.Index.Answers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Tests.Storage;

/// <summary>
/// Follow-up contexts on their way to the store: batched (one write for every context saved while the previous batch
/// was written), readable from memory until written, and — when writing behind — never waited for, kept through a
/// failing store, and written on a clean stop.
/// </summary>
public sealed class ConversationContextsTests
{
    private static readonly ConversationContext Lead = new(Intent.Lead, ["附件1-10-4"], null, null);
    private static readonly ConversationContext Street = new(Intent.Indicator, [], null, "德胜街道");

    [Fact]
    public async Task Waiting_for_the_store_an_answer_returns_once_its_batch_is_written_and_the_saves_meanwhile_share_one_write()
    {
        var store = new GatedStore();
        using var contexts = Contexts(store, writeBehind: false);
        await contexts.StartAsync(CancellationToken.None);

        var first = contexts.SaveAsync("c0", Lead, CancellationToken.None);
        await store.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
        // While c0's batch is being written, 50 more answers come in: they wait, and then go in together.
        var later = Enumerable.Range(1, 50).Select(i => contexts.SaveAsync($"c{i}", Street, CancellationToken.None)).ToArray();
        await Task.Delay(50);
        Assert.False(first.IsCompleted);
        Assert.DoesNotContain(later, t => t.IsCompleted);

        store.Open();
        await Task.WhenAll(later.Append(first)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 50], store.Batches.Select(b => b.Length));
        Assert.Equal(51, store.Saved.Count);
        Assert.Equal(0, contexts.Pending);
        await contexts.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Waiting_for_the_store_a_failed_write_fails_the_answers_that_wait_for_it()
    {
        var store = new GatedStore { Failing = true };
        using var contexts = Contexts(store, writeBehind: false);
        await contexts.StartAsync(CancellationToken.None);
        store.Open();

        await Assert.ThrowsAsync<IOException>(() => contexts.SaveAsync("c1", Lead, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));

        // Nothing is kept for a retry: the caller was told it failed.
        Assert.Equal(0, contexts.Pending);
        await contexts.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writing_behind_an_answer_does_not_wait_and_its_context_answers_follow_ups_from_memory_until_written()
    {
        var store = new GatedStore();
        using var contexts = Contexts(store, writeBehind: true);
        await contexts.StartAsync(CancellationToken.None);

        var save = contexts.SaveAsync("c1", Lead, CancellationToken.None);
        await store.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(save.IsCompletedSuccessfully);
        Assert.Same(Lead, await contexts.GetAsync("c1", CancellationToken.None));
        // A newer context of the same conversation, saved while the older one is being written, is what reads see…
        await contexts.SaveAsync("c1", Street, CancellationToken.None);
        Assert.Same(Street, await contexts.GetAsync("c1", CancellationToken.None));

        store.Open();
        await WaitUntilAsync(() => contexts.Pending == 0);
        // …and what the store ends with.
        Assert.Same(Street, store.Saved["c1"]);
        Assert.Same(Street, await contexts.GetAsync("c1", CancellationToken.None));
        await contexts.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writing_behind_a_failing_store_keeps_the_contexts_and_writes_them_when_it_is_back()
    {
        var store = new GatedStore { Failing = true };
        using var contexts = Contexts(store, writeBehind: true);
        await contexts.StartAsync(CancellationToken.None);
        store.Open();

        await contexts.SaveAsync("c1", Lead, CancellationToken.None);
        await WaitUntilAsync(() => store.Attempts >= 1);
        Assert.Same(Lead, await contexts.GetAsync("c1", CancellationToken.None));
        Assert.Equal(1, contexts.Pending);

        store.Failing = false;
        await WaitUntilAsync(() => contexts.Pending == 0);
        Assert.Same(Lead, store.Saved["c1"]);
        await contexts.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Writing_behind_a_clean_stop_writes_everything_pending_in_batches_of_at_most_the_batch_size()
    {
        var store = new GatedStore();
        store.Open();
        // Never started: nothing is written until the stop.
        using var contexts = Contexts(store, writeBehind: true);
        for (var i = 0; i < 1200; i++)
        {
            await contexts.SaveAsync($"c{i}", Lead, CancellationToken.None);
        }

        Assert.Empty(store.Saved);
        await contexts.StopAsync(CancellationToken.None);

        Assert.Equal(1200, store.Saved.Count);
        Assert.All(store.Batches, b => Assert.InRange(b.Length, 1, ConversationContexts.BatchSize));
        Assert.Equal(0, contexts.Pending);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task The_default_writes_behind_only_where_one_instance_answers_every_follow_up(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);

        Assert.Equal(backend == Backend.Sqlite, db.Services().GetRequiredService<ConversationContexts>().WritesBehind);
        Assert.False(db.Services(s => s.Configure<ConversationOptions>(o => o.WriteBehind = false)).GetRequiredService<ConversationContexts>().WritesBehind);
    }

    private static ConversationContexts Contexts(IConversationStore store, bool writeBehind) => new(
        store,
        Options.Create(new ConversationOptions { WriteBehind = writeBehind, WriteBehindMilliseconds = 1 }),
        new ConfigurationBuilder().Build(),
        NullLogger<ConversationContexts>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    /// <summary>A store whose writes wait at a gate, and may fail.</summary>
    private sealed class GatedStore : IConversationStore
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public volatile bool Failing;

        public ConcurrentDictionary<string, ConversationContext> Saved { get; } = new(StringComparer.Ordinal);

        public ConcurrentQueue<KeyValuePair<string, ConversationContext>[]> Batches { get; } = new();

        public Task WriteStarted => _writeStarted.Task;

        public int Attempts => Volatile.Read(ref _attempts);

        public void Open() => _open.TrySetResult();

        public Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult(Saved.GetValueOrDefault(conversationId));

        public Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);

        public async Task SaveContextsAsync(IReadOnlyCollection<KeyValuePair<string, ConversationContext>> contexts, CancellationToken cancellationToken)
        {
            _writeStarted.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
            Interlocked.Increment(ref _attempts);
            if (Failing)
            {
                throw new IOException("database restarting");
            }

            Batches.Enqueue([.. contexts]);
            foreach (var (id, context) in contexts)
            {
                Saved[id] = context;
            }
        }
    }
}
