using System.Text.Json;
using Assistant.Bot.Channels.BotFramework;
using Assistant.Bot.Tests.BotFramework;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Storage;

/// <summary>
/// The Teams inbox's contract on both backends: an acknowledged activity stays until deleted; its owner's leases are
/// left alone while renewed; a lease that ran out (or was given up) lets another owner take the activity, oldest first.
/// </summary>
public sealed class ActivityInboxTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Theory, OnSqlite, OnPostgres]
    public async Task An_activity_stays_until_answered_and_comes_back_whole(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var inbox = db.Services().GetRequiredService<IActivityInbox>();
        var first = await inbox.AddAsync(Message("m1", "餐饮油烟归哪个部门管"), "dead", TimeSpan.Zero, CancellationToken.None);
        var second = await inbox.AddAsync(Message("m2", "那协办单位呢？"), "dead", TimeSpan.Zero, CancellationToken.None);
        var answered = await inbox.AddAsync(Message("m3", "谢谢"), "dead", TimeSpan.Zero, CancellationToken.None);
        await inbox.RemoveAsync(answered.Id, CancellationToken.None);

        var taken = await inbox.ClaimOrphansAsync("alive", Long, max: 10, CancellationToken.None);

        Assert.Equal([first.Id, second.Id], taken.Select(e => e.Id));
        Assert.Equal(["m1", "m2"], taken.Select(e => e.Activity.Id));
        Assert.Equal("那协办单位呢？", taken[1].Activity.Text);
        // The reply needs where it came from: serviceUrl, conversation and tenant exactly as they came.
        Assert.Equal("https://smba.trafficmanager.net/amer/", taken[0].Activity.ServiceUrl);
        Assert.Equal((TeamsPayloads.TenantId, "personal"), (taken[0].Activity.Conversation!.TenantId, taken[0].Activity.Conversation!.ConversationType));
        Assert.Empty(await inbox.ClaimOrphansAsync("alive", Long, max: 10, CancellationToken.None));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_renewed_lease_is_left_alone_and_one_given_up_is_taken_over(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var inbox = db.Services().GetRequiredService<IActivityInbox>();
        var held = await inbox.AddAsync(Message("m1", "问题"), "a", TimeSpan.FromMilliseconds(300), CancellationToken.None);
        await inbox.RenewAsync("a", Long, CancellationToken.None);
        await Task.Delay(400);

        // On SQLite one instance uses the file, so another owner is a previous process: everything it left is taken.
        var byB = await inbox.ClaimOrphansAsync("b", Long, max: 10, CancellationToken.None);
        Assert.Equal(backend == Backend.Sqlite ? [held.Id] : [], byB.Select(e => e.Id));

        if (backend == Backend.Postgres)
        {
            // A stopping instance gives its leases up; another takes the activity at once.
            await inbox.RenewAsync("a", TimeSpan.Zero, CancellationToken.None);
            await Task.Delay(10);
            Assert.Equal([held.Id], (await inbox.ClaimOrphansAsync("b", Long, max: 10, CancellationToken.None)).Select(e => e.Id));
            Assert.Empty(await inbox.ClaimOrphansAsync("c", Long, max: 10, CancellationToken.None));
        }
    }

    [Theory, OnPostgres]
    public async Task Instances_taking_over_at_once_never_take_the_same_activity(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var inboxes = Enumerable.Range(0, 4).Select(_ => db.Services().GetRequiredService<IActivityInbox>()).ToArray();
        for (var i = 0; i < 200; i++)
        {
            await inboxes[0].AddAsync(Message($"m{i}", "问题"), "dead", TimeSpan.Zero, CancellationToken.None);
        }

        await Task.Delay(10);
        var claims = await Task.WhenAll(inboxes.Select((inbox, n) => Task.Run(async () =>
        {
            var mine = new List<long>();
            IReadOnlyList<InboxEntry> batch;
            do
            {
                batch = await inbox.ClaimOrphansAsync($"instance-{n}", Long, max: 7, CancellationToken.None);
                mine.AddRange(batch.Select(e => e.Id));
            }
            while (batch.Count > 0);
            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }

    private static Activity Message(string id, string text) => JsonSerializer.Deserialize<Activity>(
        TeamsPayloads.PersonalMessage.Replace("1714968600000", id, StringComparison.Ordinal).Replace("餐饮油烟归哪个部门管", text, StringComparison.Ordinal)
            .Replace("{serviceUrl}", "https://smba.trafficmanager.net/amer/", StringComparison.Ordinal),
        ActivityJson.Options)!;
}
