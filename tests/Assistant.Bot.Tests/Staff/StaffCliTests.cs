using Assistant.Bot.Cli;
using Assistant.Bot.Progress;
using Assistant.Bot.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Staff;

public sealed class StaffCliTests
{
    [Fact]
    public async Task Staff_key_create_shows_the_key_once_and_stores_only_its_hash()
    {
        await using var db = await TestDatabase.CreateAsync(Backend.Sqlite);
        using var output = new StringWriter();

        var code = AssistantCli.Run(["staff", "key", "create", "城管委", "--data", db.DataDirectory], output);
        var refused = AssistantCli.Run(["staff", "key", "create", "火星局", "--data", db.DataDirectory], new StringWriter());

        Assert.Equal((0, 1), (code, refused));
        var key = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Equal(43, key.Length);
        var store = db.Services().GetRequiredService<IUnitSecretStore>();
        Assert.Equal("区城市管理委", await store.UnitOfAsync(key, SecretPurpose.Api, CancellationToken.None));
        var stored = await db.QueryAsync("SELECT secret_hash FROM unit_secrets");
        Assert.DoesNotContain(key, stored);
        Assert.Equal(64, Assert.Single(stored).Length);
    }
}
