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
}
