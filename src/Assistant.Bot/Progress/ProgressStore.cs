using System.Globalization;
using Assistant.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace Assistant.Bot.Progress;

/// <summary>
/// Where monthly reports live. A save is one transaction: the report's current row and its revision land together, and
/// the revision check happens inside it, so of two saves on one revision exactly one wins.
/// </summary>
public interface IProgressStore
{
    /// <summary>
    /// Saves a new revision of (month, measure, unit). <paramref name="expectedRevision"/>: the revision the caller read
    /// (0 = "there is none yet"); null = save whatever is there.
    /// </summary>
    Task<(ProgressSaveOutcome Outcome, ProgressReport? Report)> SaveAsync(
        ProgressEntry entry, int? expectedRevision, string reportedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A month's reports (one unit's, when given), latest revision each.</summary>
    Task<IReadOnlyList<ProgressReport>> ListAsync(string month, string? unit, CancellationToken cancellationToken);

    /// <summary>Every submitted report up to and including <paramref name="month"/>, latest revision each: what overdue reads.</summary>
    Task<IReadOnlyList<ProgressReport>> SubmittedUpToAsync(string month, CancellationToken cancellationToken);

    /// <summary>Every saved revision of one report, oldest first.</summary>
    Task<IReadOnlyList<ProgressReport>> RevisionsAsync(string month, string measureRef, string unit, CancellationToken cancellationToken);
}

internal sealed class ProgressSchema : ISqliteSchema
{
    public IEnumerable<Migration> Migrations =>
    [
        new("progress-001", """
            CREATE TABLE progress_reports (
                month       TEXT NOT NULL,
                measure_ref TEXT NOT NULL,
                unit        TEXT NOT NULL,
                status      TEXT NOT NULL,
                progress    TEXT NOT NULL,
                next_steps  TEXT NULL,
                problems    TEXT NULL,
                submitted   INTEGER NOT NULL,
                revision    INTEGER NOT NULL,
                reported_by TEXT NOT NULL,
                reported_at TEXT NOT NULL,
                PRIMARY KEY (month, measure_ref, unit)
            );
            CREATE INDEX ix_progress_reports_unit ON progress_reports (unit, month);
            CREATE TABLE progress_report_revisions (
                month       TEXT NOT NULL,
                measure_ref TEXT NOT NULL,
                unit        TEXT NOT NULL,
                revision    INTEGER NOT NULL,
                status      TEXT NOT NULL,
                progress    TEXT NOT NULL,
                next_steps  TEXT NULL,
                problems    TEXT NULL,
                submitted   INTEGER NOT NULL,
                reported_by TEXT NOT NULL,
                reported_at TEXT NOT NULL,
                PRIMARY KEY (month, measure_ref, unit, revision)
            );
            CREATE TABLE unit_secrets (
                id          TEXT PRIMARY KEY,
                unit        TEXT NOT NULL,
                purpose     TEXT NOT NULL CHECK (purpose IN ('api', 'calendar')),
                secret_hash TEXT NOT NULL UNIQUE,
                created_at  TEXT NOT NULL,
                revoked_at  TEXT NULL
            );
            """),
    ];
}

internal sealed class SqliteProgressStore(SqliteDatabase database) : IProgressStore
{
    private const string Columns = "month, measure_ref, unit, status, progress, next_steps, problems, submitted, revision, reported_by, reported_at";

    public async Task<(ProgressSaveOutcome Outcome, ProgressReport? Report)> SaveAsync(
        ProgressEntry entry, int? expectedRevision, string reportedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the check and the write see the same row.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var current = await ReadAsync(connection, tx, entry.Month, entry.MeasureRef, entry.Unit, cancellationToken);
        if (expectedRevision is { } expected && expected != (current?.Revision ?? 0))
        {
            return (ProgressSaveOutcome.Stale, current);
        }

        var report = new ProgressReport(entry.Month, entry.MeasureRef, entry.Unit, entry.Status, entry.Progress, entry.NextSteps, entry.Problems,
            entry.Submitted, (current?.Revision ?? 0) + 1, reportedBy, at);
        await WriteAsync(connection, tx, "INSERT OR REPLACE INTO progress_reports", report, cancellationToken);
        await WriteAsync(connection, tx, "INSERT INTO progress_report_revisions", report, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (ProgressSaveOutcome.Saved, report);
    }

    public async Task<IReadOnlyList<ProgressReport>> ListAsync(string month, string? unit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM progress_reports WHERE month = $month AND ($unit IS NULL OR unit = $unit) ORDER BY measure_ref, unit",
            cancellationToken, ("$month", month), ("$unit", unit));

    public async Task<IReadOnlyList<ProgressReport>> SubmittedUpToAsync(string month, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM progress_reports WHERE month <= $month AND submitted = 1 ORDER BY month, measure_ref, unit",
            cancellationToken, ("$month", month));

    public async Task<IReadOnlyList<ProgressReport>> RevisionsAsync(string month, string measureRef, string unit, CancellationToken cancellationToken) =>
        await QueryAsync($"""
            SELECT {Columns} FROM progress_report_revisions
            WHERE month = $month AND measure_ref = $ref AND unit = $unit ORDER BY revision
            """, cancellationToken, ("$month", month), ("$ref", measureRef), ("$unit", unit));

    private async Task<List<ProgressReport>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, parameters);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<ProgressReport?> ReadAsync(
        SqliteConnection connection, SqliteTransaction tx, string month, string measureRef, string unit, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"SELECT {Columns} FROM progress_reports WHERE month = $month AND measure_ref = $ref AND unit = $unit";
        Bind(command, ("$month", month), ("$ref", measureRef), ("$unit", unit));
        return (await ReadAllAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<ProgressReport>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<ProgressReport>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ProgressReport(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7) == 1,
                reader.GetInt32(8), reader.GetString(9),
                DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return list;
    }

    private static async Task WriteAsync(SqliteConnection connection, SqliteTransaction tx, string insert, ProgressReport r, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"{insert} ({Columns}) VALUES ($month, $ref, $unit, $status, $progress, $next, $problems, $submitted, $revision, $by, $at)";
        Bind(command, ("$month", r.Month), ("$ref", r.MeasureRef), ("$unit", r.Unit), ("$status", r.Status), ("$progress", r.Progress),
            ("$next", r.NextSteps), ("$problems", r.Problems), ("$submitted", r.Submitted ? 1 : 0), ("$revision", r.Revision),
            ("$by", r.ReportedBy), ("$at", r.ReportedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
