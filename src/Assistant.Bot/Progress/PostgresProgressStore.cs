using Assistant.Bot.Storage;
using Npgsql;

namespace Assistant.Bot.Progress;

/// <summary>The progress tables in PostgreSQL: the same shape as on SQLite.</summary>
internal sealed class PostgresProgressSchema : IPostgresSchema
{
    public IEnumerable<Migration> Migrations =>
    [
        new("progress-001", """
            CREATE TABLE progress_reports (
                month       text NOT NULL,
                measure_ref text NOT NULL,
                unit        text NOT NULL,
                status      text NOT NULL,
                progress    text NOT NULL,
                next_steps  text NULL,
                problems    text NULL,
                submitted   boolean NOT NULL,
                revision    integer NOT NULL,
                reported_by text NOT NULL,
                reported_at timestamptz NOT NULL,
                PRIMARY KEY (month, measure_ref, unit)
            );
            CREATE INDEX ix_progress_reports_unit ON progress_reports (unit, month);
            CREATE TABLE progress_report_revisions (
                month       text NOT NULL,
                measure_ref text NOT NULL,
                unit        text NOT NULL,
                revision    integer NOT NULL,
                status      text NOT NULL,
                progress    text NOT NULL,
                next_steps  text NULL,
                problems    text NULL,
                submitted   boolean NOT NULL,
                reported_by text NOT NULL,
                reported_at timestamptz NOT NULL,
                PRIMARY KEY (month, measure_ref, unit, revision)
            );
            CREATE TABLE unit_secrets (
                id          text PRIMARY KEY,
                unit        text NOT NULL,
                purpose     text NOT NULL CHECK (purpose IN ('api', 'calendar')),
                secret_hash text NOT NULL UNIQUE,
                created_at  timestamptz NOT NULL,
                revoked_at  timestamptz NULL
            );
            """),
    ];
}

internal sealed class PostgresProgressStore(PostgresDatabase database) : IProgressStore
{
    private const string Columns = "month, measure_ref, unit, status, progress, next_steps, problems, submitted, revision, reported_by, reported_at";

    public async Task<(ProgressSaveOutcome Outcome, ProgressReport? Report)> SaveAsync(
        ProgressEntry entry, int? expectedRevision, string reportedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // The first report of a key has no row to lock: a transaction-scoped advisory lock on the key serialises its saves.
        await using (var lockKey = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", connection, tx))
        {
            lockKey.Parameters.AddWithValue("key", $"progress|{entry.Month}|{entry.MeasureRef}|{entry.Unit}");
            await lockKey.ExecuteNonQueryAsync(cancellationToken);
        }

        ProgressReport? current;
        await using (var read = new NpgsqlCommand(
            $"SELECT {Columns} FROM progress_reports WHERE month = @month AND measure_ref = @ref AND unit = @unit", connection, tx))
        {
            Bind(read, ("month", entry.Month), ("ref", entry.MeasureRef), ("unit", entry.Unit));
            current = (await ReadAllAsync(read, cancellationToken)).SingleOrDefault();
        }

        if (expectedRevision is { } expected && expected != (current?.Revision ?? 0))
        {
            return (ProgressSaveOutcome.Stale, current);
        }

        var report = new ProgressReport(entry.Month, entry.MeasureRef, entry.Unit, entry.Status, entry.Progress, entry.NextSteps, entry.Problems,
            entry.Submitted, (current?.Revision ?? 0) + 1, reportedBy, at.ToUniversalTime());
        await WriteAsync(connection, tx, $"""
            INSERT INTO progress_reports ({Columns}) VALUES (@month, @ref, @unit, @status, @progress, @next, @problems, @submitted, @revision, @by, @at)
            ON CONFLICT (month, measure_ref, unit) DO UPDATE SET status = excluded.status, progress = excluded.progress,
                next_steps = excluded.next_steps, problems = excluded.problems, submitted = excluded.submitted, revision = excluded.revision,
                reported_by = excluded.reported_by, reported_at = excluded.reported_at
            """, report, cancellationToken);
        await WriteAsync(connection, tx, $"""
            INSERT INTO progress_report_revisions ({Columns}) VALUES (@month, @ref, @unit, @status, @progress, @next, @problems, @submitted, @revision, @by, @at)
            """, report, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (ProgressSaveOutcome.Saved, report);
    }

    public Task<IReadOnlyList<ProgressReport>> ListAsync(string month, string? unit, CancellationToken cancellationToken) =>
        unit is null
            ? QueryAsync($"SELECT {Columns} FROM progress_reports WHERE month = @month ORDER BY measure_ref, unit", cancellationToken, ("month", month))
            : QueryAsync($"SELECT {Columns} FROM progress_reports WHERE month = @month AND unit = @unit ORDER BY measure_ref, unit",
                cancellationToken, ("month", month), ("unit", unit));

    public Task<IReadOnlyList<ProgressReport>> SubmittedUpToAsync(string month, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM progress_reports WHERE month <= @month AND submitted ORDER BY month, measure_ref, unit",
            cancellationToken, ("month", month));

    public Task<IReadOnlyList<ProgressReport>> RevisionsAsync(string month, string measureRef, string unit, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {Columns} FROM progress_report_revisions
            WHERE month = @month AND measure_ref = @ref AND unit = @unit ORDER BY revision
            """, cancellationToken, ("month", month), ("ref", measureRef), ("unit", unit));

    private async Task<IReadOnlyList<ProgressReport>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        Bind(command, parameters);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<List<ProgressReport>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<ProgressReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ProgressReport(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetBoolean(7),
                reader.GetInt32(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return list;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, ProgressReport r, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        Bind(command, ("month", r.Month), ("ref", r.MeasureRef), ("unit", r.Unit), ("status", r.Status), ("progress", r.Progress),
            ("next", r.NextSteps), ("problems", r.Problems), ("submitted", r.Submitted), ("revision", r.Revision),
            ("by", r.ReportedBy), ("at", r.ReportedAt.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            // A bare NULL has no type PostgreSQL can infer: the nullable columns are all text.
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }
    }
}
