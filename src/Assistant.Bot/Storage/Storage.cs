using Assistant.Bot.Hosting;

namespace Assistant.Bot.Storage;

/// <summary>A schema step of one feature: applied once, in order, recorded in <c>schema_migrations</c>.</summary>
public sealed record Migration(string Id, string Sql);

/// <summary>The database behind the stores, as readiness sees it.</summary>
public interface IDatabase
{
    /// <summary>Which database and where ("SQLite /var/lib/assistant/assistant.db"), never a password.</summary>
    string Description { get; }

    /// <summary>Reads the schema's own table: throws when the database or the schema cannot be reached.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Secrets the server generates on first start (the Direct Line secret and signing key, the operator key). Every instance must
/// read the same ones, so they live where the data lives: files in the data folder, or a table in PostgreSQL.
/// </summary>
public interface ISecretStore
{
    /// <summary>
    /// The stored value, or <paramref name="create"/>'s, stored first (<paramref name="created"/> true: this call made it,
    /// so it may be shown once). When two processes race, both get the winner's.
    /// </summary>
    string GetOrCreate(string name, Func<string> create, out bool created);

    /// <summary>Where an operator finds the value (a path, a table): for logs, never the value itself.</summary>
    string Describe(string name);
}

public static class StorageServiceExtensions
{
    /// <summary>The connection string that switches the stores from the embedded SQLite file to PostgreSQL.</summary>
    public const string PostgresConnectionName = "Postgres";

    /// <summary>True when <c>ConnectionStrings:Postgres</c> is set.</summary>
    public static bool UsesPostgres(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(PostgresConnectionName));

    /// <summary>
    /// The database: SQLite at {Assistant:DataDirectory}/assistant.db by default, PostgreSQL when ConnectionStrings:Postgres
    /// is set. Features register their schema for both (<see cref="ISqliteSchema"/>, <see cref="IPostgresSchema"/>) and
    /// their stores with <see cref="AddStore"/>; only the configured backend is ever opened, and it is migrated on start.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(
            System.IO.Path.Combine(sp.DataDirectory(), "assistant.db"),
            sp.GetServices<ISqliteSchema>()));
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(PostgresConnectionName)!,
            sp.GetServices<IPostgresSchema>(),
            sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<IDatabase>(sp => sp.GetRequiredService<IConfiguration>().UsesPostgres()
            ? sp.GetRequiredService<PostgresDatabase>()
            : sp.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IPostgresSchema, PostgresSecretStore.Schema>();
        services.AddSingleton<IPostgresSchema, PostgresKeyRepository.Schema>();
        services.AddSingleton<ISecretStore>(sp => sp.GetRequiredService<IConfiguration>().UsesPostgres()
            ? new PostgresSecretStore(sp.GetRequiredService<PostgresDatabase>())
            : new FileSecretStore(sp.DataDirectory()));
        services.AddHostedService<StorageStartup>();
        return services;
    }

    /// <summary>A store with one implementation per backend; the configuration decides which one the app gets.</summary>
    public static IServiceCollection AddStore<TStore, TSqlite, TPostgres>(this IServiceCollection services)
        where TStore : class
        where TSqlite : class, TStore
        where TPostgres : class, TStore =>
        services.AddSingleton<TStore>(sp => sp.GetRequiredService<IConfiguration>().UsesPostgres()
            ? ActivatorUtilities.CreateInstance<TPostgres>(sp)
            : ActivatorUtilities.CreateInstance<TSqlite>(sp));

    /// <summary>Opens (and so migrates) the database before the server takes requests: a bad connection string fails the start.</summary>
    /// <summary>Also checks that the data folder is owner-only (warns, and fixes what this process owns).</summary>
    private sealed class StorageStartup(IDatabase database, IServiceProvider services, ILogger<StorageStartup> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogInformation("Storage: {Database}", database.Description);
            DataFolder.Secure(services.DataDirectory(), logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
