using Assistant.Bot.Conversations;
using Assistant.Index.Answers;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Storage;

/// <summary>The conversation-context store's contract, the same on SQLite and PostgreSQL.</summary>
public sealed class ConversationStoreTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task A_context_saved_by_one_instance_is_read_by_another_and_the_latest_wins(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var first = db.Services().GetRequiredService<IConversationStore>();
        var second = db.Services().GetRequiredService<IConversationStore>();
        var lead = new ConversationContext(Intent.Lead, ["附件1-15-1", "附件1-15-2"], "区生态环境局", null);
        var street = new ConversationContext(Intent.Indicator, [], null, "德胜街道");

        Assert.Null(await second.GetContextAsync("c1", CancellationToken.None));
        await first.SaveContextAsync("c1", lead, CancellationToken.None);
        var read = await second.GetContextAsync("c1", CancellationToken.None);
        await second.SaveContextAsync("c1", street, CancellationToken.None);
        var overwritten = await first.GetContextAsync("c1", CancellationToken.None);

        Assert.True(read!.SameAs(lead));
        Assert.True(overwritten!.SameAs(street));
        Assert.Null(await first.GetContextAsync("c2", CancellationToken.None));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_batch_inserts_new_conversations_and_overwrites_known_ones_in_one_write(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IConversationStore>();
        var lead = new ConversationContext(Intent.Lead, ["附件1-10-4"], null, null);
        var street = new ConversationContext(Intent.Indicator, [], null, "德胜街道");
        await store.SaveContextAsync("known", lead, CancellationToken.None);

        await store.SaveContextsAsync([new("known", street), new("new-1", lead), new("new-2", street)], CancellationToken.None);

        Assert.True((await store.GetContextAsync("known", CancellationToken.None))!.SameAs(street));
        Assert.True((await store.GetContextAsync("new-1", CancellationToken.None))!.SameAs(lead));
        Assert.True((await store.GetContextAsync("new-2", CancellationToken.None))!.SameAs(street));
        Assert.Equal(["known", "new-1", "new-2"], await db.QueryAsync("SELECT conversation_id FROM conversation_contexts ORDER BY conversation_id"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Contexts_idle_since_before_the_cutoff_are_deleted_and_the_rest_kept(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IConversationStore>();
        var lead = new ConversationContext(Intent.Lead, ["附件1-10-4"], null, null);
        await store.SaveContextsAsync(Enumerable.Range(0, 12).Select(i => new KeyValuePair<string, ConversationContext>($"old-{i}", lead)).ToList(), CancellationToken.None);
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await store.SaveContextAsync("recent", lead, CancellationToken.None);

        Assert.Equal(0, await store.DeleteIdleAsync(between.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(12, await store.DeleteIdleAsync(between, CancellationToken.None));

        Assert.Null(await store.GetContextAsync("old-0", CancellationToken.None));
        Assert.NotNull(await store.GetContextAsync("recent", CancellationToken.None));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_context_stored_before_the_frame_slots_still_reads_and_a_full_frame_round_trips(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IConversationStore>();
        // The shape written before topic, period, indicator and asked were added (intent 0 = lead).
        await db.QueryAsync("""
            INSERT INTO conversation_contexts (conversation_id, context, updated_at)
            VALUES ('old', '{"intent":0,"measureRefs":["附件1-10-4"],"unit":null,"street":null}', '2026-12-01T00:00:00.0000000+00:00')
            """);
        var frame = new ConversationContext(Intent.Duties, ["附件4-8-4"], "区城市管理委", null, Topic: "供热", Period: "本季度", Indicator: null, Asked: "lead");

        var old = await store.GetContextAsync("old", CancellationToken.None);
        await store.SaveContextAsync("new", frame, CancellationToken.None);
        var read = await store.GetContextAsync("new", CancellationToken.None);

        Assert.True(old!.SameAs(new ConversationContext(Intent.Lead, ["附件1-10-4"], null, null)));
        Assert.Null(old.Period);
        Assert.True(read!.SameAs(frame));
    }
}
