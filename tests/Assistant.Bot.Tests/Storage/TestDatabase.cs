using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Assistant.Bot.Channels.BotFramework;
using Assistant.Bot.Channels.DirectLine;
using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Assistant.Bot.Hotline;
using Assistant.Bot.Progress;
using Assistant.Bot.Security;
using Assistant.Bot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit.Sdk;

namespace Assistant.Bot.Tests.Storage;

public enum Backend
{
    Sqlite,
    Postgres,
}

/// <summary>A storage theory's SQLite row: always runs.</summary>
public sealed class OnSqliteAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Backend.Sqlite]];
}

/// <summary>
/// A storage theory's PostgreSQL row, on the server <c>ASSISTANT_TEST_POSTGRES</c> names (test.sh starts one). Skipped,
/// with the reason, only when that is not set; under CI=true it runs regardless and fails without a server.
/// </summary>
public sealed class OnPostgresAttribute : DataAttribute
{
    public override string? Skip
    {
        get => TestDatabase.PostgresServer is null && !TestDatabase.InCi
            ? "PostgreSQL: ASSISTANT_TEST_POSTGRES is not set (./test.sh starts a throwaway server when PostgreSQL 15 is installed)"
            : null;
        set { }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Backend.Postgres]];
}

/// <summary>
/// A fresh, empty database on one backend: a temporary data folder for SQLite; for PostgreSQL a schema of its own
/// (dropped afterwards) on the test server, so tests run in parallel without seeing each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public static readonly string? PostgresServer = Environment.GetEnvironmentVariable("ASSISTANT_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static readonly bool InCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private readonly string? _schema;
    private readonly List<IHost> _hosts = [];

    private TestDatabase(Backend backend, string dataDirectory, string? postgres, string? schema)
    {
        Backend = backend;
        DataDirectory = dataDirectory;
        PostgresConnectionString = postgres;
        _schema = schema;
    }

    public Backend Backend { get; }

    /// <summary>The data folder (SQLite's file, generated keys on SQLite).</summary>
    public string DataDirectory { get; }

    /// <summary>The connection string with this database's schema first on the search path; null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    /// <summary>What points an app at this database.</summary>
    public Dictionary<string, string?> Settings => PostgresConnectionString is null
        ? new() { ["Assistant:DataDirectory"] = DataDirectory }
        : new() { ["Assistant:DataDirectory"] = DataDirectory, ["ConnectionStrings:Postgres"] = PostgresConnectionString };

    /// <summary>The same settings as command-line arguments for a server process.</summary>
    public string[] ServerArgs => Settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

    public static async Task<TestDatabase> CreateAsync(Backend backend)
    {
        var data = Directory.CreateTempSubdirectory("assistant-storage-").FullName;
        if (backend == Backend.Sqlite)
        {
            return new TestDatabase(backend, data, null, null);
        }

        var server = PostgresServer ?? throw new InvalidOperationException(
            "CI=true but ASSISTANT_TEST_POSTGRES is not set: the PostgreSQL storage tests must run in CI (test.sh starts the server).");
        var schema = $"test_{Guid.NewGuid():n}";
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        return new TestDatabase(backend, data, connectionString, schema);
    }

    /// <summary>
    /// The app's own storage services on this database (as another instance would build them), without the rest of the
    /// server: each call is a separate "instance", with its own pools and migration run.
    /// </summary>
    /// <param name="ownDataDirectory">A data folder of its own (as on another machine) rather than the shared one.</param>
    public IServiceProvider Services(Action<IServiceCollection>? configure = null, bool ownDataDirectory = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(Settings);
        if (ownDataDirectory)
        {
            builder.Configuration["Assistant:DataDirectory"] = Path.Combine(DataDirectory, $"instance-{Guid.NewGuid():n}");
        }

        builder.Services.AddLogging();
        configure?.Invoke(builder.Services);
        builder.Services.AddPlanKnowledge().AddStorage().AddConversations().AddHotline().AddDirectLine().AddBotFramework().AddAssistantSecurity().AddProgress();
        var host = builder.Build();
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return host.Services;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (host is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        if (_schema is not null)
        {
            await ExecuteAsync(PostgresServer!, $"DROP SCHEMA IF EXISTS {_schema} CASCADE");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS temp cleaner.
        }
    }

    /// <summary>Takes the database away (the schema on PostgreSQL, the data folder on SQLite); returns how to bring it back.</summary>
    public async Task<Func<Task>> TakeAwayAsync()
    {
        if (_schema is not null)
        {
            await ExecuteAsync(PostgresServer!, $"ALTER SCHEMA {_schema} RENAME TO {_schema}_away");
            return () => ExecuteAsync(PostgresServer!, $"ALTER SCHEMA {_schema}_away RENAME TO {_schema}");
        }

        Directory.Move(DataDirectory, DataDirectory + "-away");
        // Pooled connections hold the old file open; the next open must look for it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return () =>
        {
            Directory.Move(DataDirectory + "-away", DataDirectory);
            return Task.CompletedTask;
        };
    }

    /// <summary>The first column of a query's rows, as text, straight from the database.</summary>
    public async Task<IReadOnlyList<string>> QueryAsync(string sql)
    {
        await using DbConnection connection = PostgresConnectionString is null
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "assistant.db")}")
            : new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    /// <summary>Runs SQL on the test server itself (outside any test's schema).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
