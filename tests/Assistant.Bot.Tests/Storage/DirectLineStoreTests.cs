using System.Text.Json.Nodes;
using Assistant.Bot.Channels.DirectLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Bot.Tests.Storage;

/// <summary>The Direct Line store's contract (conversations, numbered activities, watermarks), the same on SQLite and PostgreSQL.</summary>
public sealed class DirectLineStoreTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Activities_are_numbered_in_order_and_read_after_a_watermark(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IDirectLineStore>();

        Assert.False(await store.ExistsAsync("conv-a", CancellationToken.None));
        Assert.True(await store.StartAsync("conv-a", "dl_user", CancellationToken.None));
        Assert.False(await store.StartAsync("conv-a", "dl_user", CancellationToken.None));
        Assert.True(await store.ExistsAsync("conv-a", CancellationToken.None));
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = "餐饮油烟归哪个部门管？<b>\"引号\"</b>",
            ["channelData"] = new JsonObject { ["clientActivityID"] = "c-1", ["nested"] = new JsonArray(1, 2.5, true, null) },
        };
        var ids = new List<string> { await store.AppendAsync("conv-a", activity, CancellationToken.None) };
        for (var i = 2; i <= 5; i++)
        {
            ids.Add(await store.AppendAsync("conv-a", new JsonObject { ["type"] = "message", ["text"] = $"第{i}条" }, CancellationToken.None));
        }

        var all = await store.ReadAsync("conv-a", 0, 100, CancellationToken.None);
        var page = await store.ReadAsync("conv-a", 2, 2, CancellationToken.None);
        var none = await store.ReadAsync("conv-a", 5, 100, CancellationToken.None);

        Assert.Equal(["conv-a|0000001", "conv-a|0000002", "conv-a|0000003", "conv-a|0000004", "conv-a|0000005"], ids);
        Assert.Equal("conv-a|0000001", activity["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(activity, all.Activities[0]), all.Activities[0].ToJsonString());
        Assert.Equal((5, 5L), (all.Activities.Count, all.Watermark));
        Assert.Equal(["第3条", "第4条"], page.Activities.Select(a => a["text"]!.GetValue<string>()));
        Assert.Equal(4, page.Watermark);
        Assert.Equal((0, 5L), (none.Activities.Count, none.Watermark));
        Assert.Empty((await store.ReadAsync("conv-unknown", 0, 100, CancellationToken.None)).Activities);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Appends_from_several_instances_at_once_get_every_number_exactly_once(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var stores = Enumerable.Range(0, 3).Select(_ => db.Services().GetRequiredService<IDirectLineStore>()).ToArray();
        await stores[0].StartAsync("busy", null, CancellationToken.None);

        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() =>
            stores[i % stores.Length].AppendAsync("busy", new JsonObject { ["type"] = "message", ["text"] = $"m{i}" }, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 60).Select(n => $"busy|{n:D7}"), ids.Order(StringComparer.Ordinal));
        var read = await stores[2].ReadAsync("busy", 0, 100, CancellationToken.None);
        Assert.Equal(ids.Order(StringComparer.Ordinal), read.Activities.Select(a => a["id"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"m{i}").Order(StringComparer.Ordinal),
            read.Activities.Select(a => a["text"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Appending_to_a_conversation_that_never_started_fails(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var store = db.Services().GetRequiredService<IDirectLineStore>();

        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync("never", new JsonObject { ["type"] = "message" }, CancellationToken.None));
        Assert.False(await store.ExistsAsync("never", CancellationToken.None));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Idle_conversations_are_deleted_with_their_activities(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero));
        var store = db.Services(s => s.AddSingleton<TimeProvider>(clock)).GetRequiredService<IDirectLineStore>();
        await store.StartAsync("old", null, CancellationToken.None);
        await store.AppendAsync("old", new JsonObject { ["type"] = "message", ["text"] = "旧" }, CancellationToken.None);
        await store.StartAsync("active", null, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(10));
        await store.StartAsync("recent", null, CancellationToken.None);
        // A new activity counts as use.
        await store.AppendAsync("active", new JsonObject { ["type"] = "message", ["text"] = "新" }, CancellationToken.None);

        var deleted = await store.DeleteIdleAsync(clock.GetUtcNow().AddDays(-5), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.False(await store.ExistsAsync("old", CancellationToken.None));
        Assert.Empty((await store.ReadAsync("old", 0, 10, CancellationToken.None)).Activities);
        Assert.True(await store.ExistsAsync("recent", CancellationToken.None));
        Assert.Single((await store.ReadAsync("active", 0, 10, CancellationToken.None)).Activities);
        // A conversation id may start afresh after deletion; numbering starts again at 1.
        await store.StartAsync("old", null, CancellationToken.None);
        Assert.Equal("old|0000001", await store.AppendAsync("old", new JsonObject { ["type"] = "message" }, CancellationToken.None));
    }
}
