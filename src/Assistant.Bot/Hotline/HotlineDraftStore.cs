using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Assistant.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hotline;

public enum SaveOutcome
{
    Saved,
    NotFound,
    /// <summary>The draft changed since the caller read it (revision mismatch).</summary>
    Stale,
    /// <summary>The status cannot move that way (a sent reply is final).</summary>
    NotAllowed,
}

public static class SaveRules
{
    /// <summary>Whether a save must not happen, and why; checked inside the store's transaction, on the row it read.</summary>
    public static bool Refuses([NotNullWhen(false)] HotlineDraft? current, int? expectedRevision, string status, out SaveOutcome why)
    {
        why = current is null ? SaveOutcome.NotFound
            : expectedRevision is { } expected && expected != current.Revision ? SaveOutcome.Stale
            : !DraftStatus.CanMove(current.Status, status) ? SaveOutcome.NotAllowed
            : SaveOutcome.Saved;
        return why != SaveOutcome.Saved;
    }
}

/// <summary>Where drafts live. Every write is one transaction: a draft and its first revision land together or not at all.</summary>
public interface IHotlineDraftStore
{
    Task AddAsync(HotlineDraft draft, CancellationToken cancellationToken);

    Task<HotlineDraft?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Saves the operator's text as a new revision with the given status.</summary>
    Task<(SaveOutcome Outcome, HotlineDraft? Draft)> SaveRevisionAsync(
        string id, string text, string status, int? expectedRevision, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<HotlineDraftSummary>> ListAsync(HotlineDraftQuery query, CancellationToken cancellationToken);

    /// <summary>Counts by category × street of the complaints received on local dates [from, to].</summary>
    Task<IReadOnlyList<HotlineCount>> CountAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

/// <summary>The hotline tables: drafts (current text and triage) and every saved revision.</summary>
internal sealed class HotlineSchema : ISqliteSchema
{
    public IEnumerable<Migration> Migrations =>
    [
        new("hotline-001", """
            CREATE TABLE hotline_drafts (
                id            TEXT PRIMARY KEY,
                complaint     TEXT NOT NULL,
                received_at   TEXT NOT NULL,
                received_date TEXT NOT NULL,
                category      TEXT NOT NULL,
                street        TEXT NULL,
                triage_json   TEXT NOT NULL,
                dispatch_note TEXT NOT NULL,
                draft         TEXT NOT NULL,
                status        TEXT NOT NULL CHECK (status IN ('draft', 'edited', 'sent')),
                revision      INTEGER NOT NULL,
                created_at    TEXT NOT NULL,
                updated_at    TEXT NOT NULL
            );
            CREATE INDEX ix_hotline_drafts_received_date ON hotline_drafts (received_date);
            CREATE INDEX ix_hotline_drafts_category_street ON hotline_drafts (category, street);
            CREATE TABLE hotline_draft_revisions (
                draft_id TEXT NOT NULL REFERENCES hotline_drafts (id),
                revision INTEGER NOT NULL,
                draft    TEXT NOT NULL,
                status   TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                PRIMARY KEY (draft_id, revision)
            );
            """),
    ];
}

internal sealed class SqliteHotlineDraftStore(SqliteDatabase database, IOptions<HotlineOptions> options) : IHotlineDraftStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TimeSpan Offset => options.Value.UtcOffset;

    public async Task AddAsync(HotlineDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, tx, """
            INSERT INTO hotline_drafts (id, complaint, received_at, received_date, category, street, triage_json, dispatch_note, draft,
                                        status, revision, created_at, updated_at)
            VALUES ($id, $complaint, $received_at, $received_date, $category, $street, $triage, $note, $draft, $status, $revision, $created, $updated)
            """, cancellationToken,
            ("$id", draft.Id), ("$complaint", draft.Complaint), ("$received_at", Time(draft.ReceivedAt)),
            ("$received_date", LocalDate(draft.ReceivedAt)), ("$category", draft.Category), ("$street", draft.Street),
            ("$triage", JsonSerializer.Serialize(HotlineTriageView.Of(draft), Json)), ("$note", draft.DispatchNote), ("$draft", draft.Draft),
            ("$status", draft.Status), ("$revision", draft.Revision), ("$created", Time(draft.CreatedAt)), ("$updated", Time(draft.UpdatedAt)));
        await InsertRevisionAsync(connection, tx, draft.Id, draft.Revision, draft.Draft, draft.Status, draft.CreatedAt, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<HotlineDraft?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, cancellationToken);
    }

    public async Task<(SaveOutcome Outcome, HotlineDraft? Draft)> SaveRevisionAsync(
        string id, string text, string status, int? expectedRevision, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // IMMEDIATE (the default here): the check and the write see the same row, whoever else saves at once.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var current = await ReadAsync(connection, tx, id, cancellationToken);
        if (SaveRules.Refuses(current, expectedRevision, status, out var refused))
        {
            return (refused, current);
        }

        var revision = current.Revision + 1;
        await ExecuteAsync(connection, tx,
            "UPDATE hotline_drafts SET draft = $draft, status = $status, revision = $revision, updated_at = $updated WHERE id = $id",
            cancellationToken, ("$draft", text), ("$status", status), ("$revision", revision), ("$updated", Time(at)), ("$id", id));
        await InsertRevisionAsync(connection, tx, id, revision, text, status, at, cancellationToken);
        var saved = await ReadAsync(connection, tx, id, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (SaveOutcome.Saved, saved);
    }

    public async Task<IReadOnlyList<HotlineDraftSummary>> ListAsync(HotlineDraftQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, received_at, category, street, status, revision, complaint, updated_at
            FROM hotline_drafts
            WHERE ($street IS NULL OR street = $street)
              AND ($category IS NULL OR category = $category)
              AND ($from IS NULL OR received_date >= $from)
              AND ($to IS NULL OR received_date <= $to)
              AND ($status IS NULL OR status = $status)
            ORDER BY received_at DESC, created_at DESC
            LIMIT $limit
            """;
        Bind(command, ("$street", query.Street), ("$category", query.Category), ("$from", Date(query.From)), ("$to", Date(query.To)),
            ("$status", query.Status), ("$limit", query.Limit));
        var list = new List<HotlineDraftSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new HotlineDraftSummary(
                reader.GetString(0), ParseTime(reader.GetString(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), HotlineDraftSummary.ExcerptOf(reader.GetString(6)), ParseTime(reader.GetString(7))));
        }

        return list;
    }

    public async Task<IReadOnlyList<HotlineCount>> CountAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT category, street, COUNT(*) FROM hotline_drafts
            WHERE received_date BETWEEN $from AND $to
            GROUP BY category, street
            """;
        Bind(command, ("$from", Date(from)), ("$to", Date(to)));
        var counts = new List<HotlineCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new HotlineCount(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2)));
        }

        return counts;
    }

    private async Task<HotlineDraft?> ReadAsync(SqliteConnection connection, SqliteTransaction? tx, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            SELECT complaint, received_at, triage_json, dispatch_note, draft, status, revision, created_at, updated_at
            FROM hotline_drafts WHERE id = $id;
            SELECT revision, draft, status, saved_at FROM hotline_draft_revisions WHERE draft_id = $id ORDER BY revision;
            """;
        Bind(command, ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var complaint = reader.GetString(0);
        var receivedAt = ParseTime(reader.GetString(1));
        var triage = JsonSerializer.Deserialize<HotlineTriageView>(reader.GetString(2), Json)
            ?? throw new InvalidDataException($"Draft {id} has no triage.");
        var note = reader.GetString(3);
        var draft = reader.GetString(4);
        var status = reader.GetString(5);
        var revision = reader.GetInt32(6);
        var created = ParseTime(reader.GetString(7));
        var updated = ParseTime(reader.GetString(8));
        await reader.NextResultAsync(cancellationToken);
        var revisions = new List<HotlineRevision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new HotlineRevision(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), ParseTime(reader.GetString(3))));
        }

        return HotlineDraft.Compose(id, complaint, receivedAt, triage, draft, note, status, revision, created, updated, revisions);
    }

    private static Task InsertRevisionAsync(
        SqliteConnection connection, SqliteTransaction tx, string id, int revision, string text, string status, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, tx,
            "INSERT INTO hotline_draft_revisions (draft_id, revision, draft, status, saved_at) VALUES ($id, $revision, $draft, $status, $at)",
            cancellationToken, ("$id", id), ("$revision", revision), ("$draft", text), ("$status", status), ("$at", Time(at)));

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        Bind(command, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    // Round-trip ("O") text sorts as time only within one offset: store UTC.
    private static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    // Read back in the hotline's clock, so the API shows the times the operator lives by.
    private DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToOffset(Offset);

    private string LocalDate(DateTimeOffset t) => t.ToOffset(Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
