using System.Net;
using Assistant.Bot.Channels.DirectLine;
using Assistant.Bot.Conversations;
using Assistant.Bot.Hotline;
using Assistant.Bot.Security;
using Assistant.Bot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bot.Tests.Storage;

/// <summary>What every instance does on start: pick the backend, migrate the schema, agree on the generated secrets.</summary>
public sealed class StorageStartTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task The_connection_string_picks_the_backend_for_every_store(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var services = db.Services();

        var prefix = backend == Backend.Postgres ? "Postgres" : "Sqlite";
        Assert.StartsWith(prefix, services.GetRequiredService<IHotlineDraftStore>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith(prefix, services.GetRequiredService<IConversationStore>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith(prefix, services.GetRequiredService<IDirectLineStore>().GetType().Name, StringComparison.Ordinal);
        Assert.StartsWith(backend == Backend.Postgres ? "PostgreSQL" : "SQLite", services.GetRequiredService<IDatabase>().Description, StringComparison.Ordinal);
        await services.GetRequiredService<IDatabase>().CheckAsync(CancellationToken.None);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Instances_starting_at_once_apply_each_migration_once(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        var instances = Enumerable.Range(0, 4).Select(_ => db.Services()).ToArray();

        // Each instance opens the database (and so migrates it) at the same moment.
        await AllAtOnceAsync(instances, s => s.GetRequiredService<IDatabase>());

        var expected = backend == Backend.Postgres
            ? instances[0].GetServices<IPostgresSchema>().SelectMany(s => s.Migrations).Select(m => m.Id)
            : instances[0].GetServices<ISqliteSchema>().SelectMany(s => s.Migrations).Select(m => m.Id);
        Assert.Equal(expected.Order(StringComparer.Ordinal), await db.QueryAsync("SELECT id FROM schema_migrations ORDER BY id"));
        await instances[3].GetRequiredService<IConversationStore>().SaveContextAsync("c", new(Index.Answers.Intent.Lead, ["附件1-1-1"], null, null), CancellationToken.None);
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task A_restart_applies_only_the_migrations_it_has_not_seen(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        db.Services().GetRequiredService<IDatabase>();
        var added = new Migration("test-002", "CREATE TABLE test_added (id integer PRIMARY KEY)");

        // A newer build with one more migration starts twice; the second start finds nothing to do.
        for (var start = 0; start < 2; start++)
        {
            db.Services(s =>
            {
                s.AddSingleton<ISqliteSchema>(new ExtraSchema(added));
                s.AddSingleton<IPostgresSchema>(new ExtraSchema(added));
            }).GetRequiredService<IDatabase>();
        }

        Assert.Equal(["test-002"], await db.QueryAsync("SELECT id FROM schema_migrations WHERE id LIKE 'test-%'"));
        Assert.Equal(["0"], await db.QueryAsync("SELECT COUNT(*) FROM test_added"));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Every_instance_gets_the_same_generated_secrets_and_accepts_the_others_tokens_and_keys(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        // On SQLite the instances share the data folder; on PostgreSQL each has its own, and the secrets are in the database.
        var instances = Enumerable.Range(0, 3)
            .Select(_ => db.Services(ownDataDirectory: backend == Backend.Postgres))
            .ToArray();

        var keys = await AllAtOnceAsync(instances, s => s.GetRequiredService<DirectLineKeys>());
        var operatorKeys = await AllAtOnceAsync(instances, s => s.GetRequiredService<ApiKeys>());
        var token = instances[0].GetRequiredService<DirectLineTokens>().Issue("conv-1", "dl_user");
        var check = instances[2].GetRequiredService<DirectLineTokens>().Verify(token, out var verified);

        Assert.Single(keys.Select(k => k.Secret).Distinct());
        Assert.Single(keys.Select(k => Convert.ToBase64String(k.SigningKey)).Distinct());
        Assert.Equal(32, keys[0].SigningKey.Length);
        // One instance generated the operator key (and shows it once); every instance accepts it.
        var generated = Assert.Single(operatorKeys, k => k.GeneratedOperatorKey is not null).GeneratedOperatorKey;
        Assert.All(operatorKeys, k => Assert.Equal(Roles.Operator, k.RoleOf(generated)));
        Assert.Equal(TokenCheck.Valid, check);
        Assert.Equal(("conv-1", "dl_user"), (verified!.ConversationId, verified.UserId));
    }

    [Theory, OnSqlite, OnPostgres]
    public async Task Readiness_follows_the_database(Backend backend)
    {
        await using var db = await TestDatabase.CreateAsync(backend);
        await using var app = new AssistantApplication(db.Settings, db.DataDirectory);
        using var client = app.CreateClient();
        // The plan loads while the server starts: ready once it has.
        await PlanLoadingTests.UntilReadyAsync(client);

        var bringBack = await db.TakeAwayAsync();
        var away = await client.GetAsync("/readyz");
        await bringBack();
        var back = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
        Assert.Equal("application/problem+json", away.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>Runs <paramref name="start"/> for every instance on a thread of its own, all released at the same moment.</summary>
    private static async Task<T[]> AllAtOnceAsync<T>(IEnumerable<IServiceProvider> instances, Func<IServiceProvider, T> start)
    {
        using var go = new ManualResetEventSlim();
        // Threads of their own: the starts block (synchronous I/O, the migration lock), which would starve the thread pool.
        var starts = instances.Select(s => Task.Factory.StartNew(() =>
        {
            go.Wait();
            return start(s);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        go.Set();
        return await Task.WhenAll(starts);
    }

    private sealed class ExtraSchema(Migration migration) : ISqliteSchema, IPostgresSchema
    {
        public IEnumerable<Migration> Migrations => [migration];
    }
}
