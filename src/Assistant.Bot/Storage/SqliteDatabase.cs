using Microsoft.Data.Sqlite;

namespace Assistant.Bot.Storage;

/// <summary>Contributes a feature's migrations (hotline drafts, Direct Line conversations, …).</summary>
public interface ISqliteSchema
{
    IEnumerable<Migration> Migrations { get; }
}

/// <summary>
/// The embedded database: one SQLite file in the data folder, WAL mode (readers never block the writer, and a
/// committed write survives a crash of the process), schema created and migrated on start.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, IEnumerable<ISqliteSchema> schemas)
    {
        Path = path;
        // Owner-only before SQLite first opens it: its -wal and -shm files take this file's mode, whatever the umask.
        DataFolder.CreateFile(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate(schemas.SelectMany(s => s.Migrations).ToList());
    }

    public string Path { get; }

    public string Description => $"SQLite {Path}";

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>An open connection with the per-connection settings applied.</summary>
    /// <param name="durable">
    /// True: a commit is on disk before it returns (drafts, revisions). False: in the WAL before it returns, so it
    /// survives the process being killed but not a power cut — enough for state that can be rebuilt (follow-up context).
    /// </param>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default, bool durable = true)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // FULL: a commit is on disk before it returns, so an acknowledged write survives kill -9 and power loss.
        pragma.CommandText = $"PRAGMA synchronous={(durable ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private void Migrate(IReadOnlyList<Migration> migrations)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
                """;
            setup.ExecuteNonQuery();
        }

        foreach (var migration in migrations)
        {
            using var tx = connection.BeginTransaction();
            using var check = connection.CreateCommand();
            check.Transaction = tx;
            check.CommandText = "SELECT 1 FROM schema_migrations WHERE id = $id";
            check.Parameters.AddWithValue("$id", migration.Id);
            if (check.ExecuteScalar() is not null)
            {
                continue;
            }

            using var apply = connection.CreateCommand();
            apply.Transaction = tx;
            apply.CommandText = migration.Sql;
            apply.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES ($id, $at)";
            record.Parameters.AddWithValue("$id", migration.Id);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
            tx.Commit();
        }
    }
}
