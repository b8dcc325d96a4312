using Npgsql;

namespace Assistant.Bot.Storage;

/// <summary>Contributes a feature's PostgreSQL migrations, the counterpart of its <see cref="ISqliteSchema"/>.</summary>
public interface IPostgresSchema
{
    IEnumerable<Migration> Migrations { get; }
}

/// <summary>
/// PostgreSQL (ConnectionStrings:Postgres), for several instances behind a load balancer: one pooled data source,
/// schema created and migrated on start. Instances starting at once take turns on an advisory lock, so each migration
/// runs exactly once and nobody reads a half-made schema.
/// </summary>
public sealed class PostgresDatabase : IDatabase, IDisposable, IAsyncDisposable
{
    // Any constant every instance agrees on: the key of the lock held while migrating.
    private const long MigrationLockKey = 0x5843_5A43_4D49_4752; // "XCZCMIGR"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString, IEnumerable<IPostgresSchema> schemas, ILogger<PostgresDatabase> logger)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName ??= "xicheng-assistant";
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
        Migrate(schemas.SelectMany(s => s.Migrations).ToList(), logger);
    }

    public string Description { get; }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>For the few synchronous callers (secrets read while the services are built).</summary>
    public NpgsqlConnection Open() => _dataSource.OpenConnection();

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private void Migrate(IReadOnlyList<Migration> migrations, ILogger logger)
    {
        using var connection = _dataSource.OpenConnection();
        Execute(connection, null, "SELECT pg_advisory_lock(@key)", MigrationLockKey);
        try
        {
            Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = new HashSet<string>(StringComparer.Ordinal);
            using (var select = new NpgsqlCommand("SELECT id FROM schema_migrations", connection))
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    applied.Add(reader.GetString(0));
                }
            }

            foreach (var migration in migrations.Where(m => !applied.Contains(m.Id)))
            {
                // DDL is transactional in PostgreSQL: a migration and its record land together or not at all.
                using var tx = connection.BeginTransaction();
                Execute(connection, tx, migration.Sql);
                Execute(connection, tx, "INSERT INTO schema_migrations (id) VALUES (@key)", migration.Id);
                tx.Commit();
                logger.LogInformation("Applied migration {Migration}", migration.Id);
            }
        }
        finally
        {
            // Pooled connections outlive this method: release the lock explicitly rather than on close.
            Execute(connection, null, "SELECT pg_advisory_unlock(@key)", MigrationLockKey);
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, object? key = null)
    {
        using var command = new NpgsqlCommand(sql, connection, tx);
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
