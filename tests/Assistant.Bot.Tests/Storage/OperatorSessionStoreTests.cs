using Assistant.Bot.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Storage;

/// <summary>Operator sessions on the server, on both backends: one instance's logout ends the session on every other.</summary>
public sealed class OperatorSessionStoreTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task A_session_is_active_until_removed_or_expired_on_every_instance(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var one = db.Services().GetRequiredService<IOperatorSessionStore>();
        var other = db.Services().GetRequiredService<IOperatorSessionStore>();
        var now = DateTimeOffset.UtcNow;
        var ct = CancellationToken.None;

        await one.AddAsync("kept", now, now.AddHours(12), ct);
        await one.AddAsync("ended", now, now.AddHours(12), ct);
        await one.AddAsync("old", now.AddHours(-13), now.AddHours(-1), ct);

        Assert.True(await other.IsActiveAsync("kept", now, ct));
        Assert.True(await other.IsActiveAsync("ended", now, ct));
        Assert.False(await other.IsActiveAsync("old", now, ct));
        Assert.False(await other.IsActiveAsync("never", now, ct));
        Assert.False(await other.IsActiveAsync("kept", now.AddHours(12), ct));

        await one.RemoveAsync("ended", ct);
        Assert.False(await other.IsActiveAsync("ended", now, ct));
        Assert.True(await other.IsActiveAsync("kept", now, ct));

        Assert.Equal(1, await other.DeleteExpiredAsync(now, ct));
        Assert.Equal(["kept"], await db.QueryAsync("SELECT id FROM operator_sessions"));
    }
}
