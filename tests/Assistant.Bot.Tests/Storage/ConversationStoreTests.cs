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
}
