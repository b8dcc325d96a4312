using System.Text;
using System.Text.Json;
using Assistant.Bot.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Assistant.Bot.Hotline;

/// <summary>The hotline tables in PostgreSQL: the same shape as on SQLite, with PostgreSQL's own types.</summary>
internal sealed class PostgresHotlineSchema : IPostgresSchema
{
    public IEnumerable<Migration> Migrations =>
    [
        new("hotline-001", """
            CREATE TABLE hotline_drafts (
                id            text PRIMARY KEY,
                complaint     text NOT NULL,
                received_at   timestamptz NOT NULL,
                received_date date NOT NULL,
                category      text NOT NULL,
                street        text NULL,
                triage        jsonb NOT NULL,
                dispatch_note text NOT NULL,
                draft         text NOT NULL,
                status        text NOT NULL CHECK (status IN ('draft', 'edited', 'sent')),
                revision      integer NOT NULL,
                created_at    timestamptz NOT NULL,
                updated_at    timestamptz NOT NULL
            );
            CREATE INDEX ix_hotline_drafts_received_date ON hotline_drafts (received_date);
            CREATE INDEX ix_hotline_drafts_category_street ON hotline_drafts (category, street);
            CREATE TABLE hotline_draft_revisions (
                draft_id text NOT NULL REFERENCES hotline_drafts (id),
                revision integer NOT NULL,
                draft    text NOT NULL,
                status   text NOT NULL,
                saved_at timestamptz NOT NULL,
                PRIMARY KEY (draft_id, revision)
            );
            """),
    ];
}

/// <summary>Drafts in PostgreSQL. Times are timestamptz (microseconds); the hotline's clock applies when they are read.</summary>
internal sealed class PostgresHotlineDraftStore(PostgresDatabase database, IOptions<HotlineOptions> options) : IHotlineDraftStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TimeSpan Offset => options.Value.UtcOffset;

    public async Task AddAsync(HotlineDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO hotline_drafts (id, complaint, received_at, received_date, category, street, triage, dispatch_note, draft,
                                        status, revision, created_at, updated_at)
            VALUES (@id, @complaint, @received_at, @received_date, @category, @street, @triage, @note, @draft, @status, @revision, @created, @updated)
            """, connection, tx))
        {
            Bind(insert, ("id", draft.Id), ("complaint", draft.Complaint), ("received_at", Utc(draft.ReceivedAt)),
                ("received_date", LocalDate(draft.ReceivedAt)), ("category", draft.Category), ("street", draft.Street),
                ("note", draft.DispatchNote), ("draft", draft.Draft), ("status", draft.Status), ("revision", draft.Revision),
                ("created", Utc(draft.CreatedAt)), ("updated", Utc(draft.UpdatedAt)));
            insert.Parameters.AddWithValue("triage", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(HotlineTriageView.Of(draft), Json));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertRevisionAsync(connection, tx, draft.Id, draft.Revision, draft.Draft, draft.Status, draft.CreatedAt, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<HotlineDraft?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, lockRow: false, cancellationToken);
    }

    public async Task<(SaveOutcome Outcome, HotlineDraft? Draft)> SaveRevisionAsync(
        string id, string text, string status, int? expectedRevision, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // FOR UPDATE: a save on another instance waits here, then sees this one's revision (and is Stale if it expected the old).
        var current = await ReadAsync(connection, tx, id, lockRow: true, cancellationToken);
        if (SaveRules.Refuses(current, expectedRevision, status, out var refused))
        {
            return (refused, current);
        }

        var revision = current.Revision + 1;
        await using (var update = new NpgsqlCommand(
            "UPDATE hotline_drafts SET draft = @draft, status = @status, revision = @revision, updated_at = @updated WHERE id = @id", connection, tx))
        {
            Bind(update, ("draft", text), ("status", status), ("revision", revision), ("updated", Utc(at)), ("id", id));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertRevisionAsync(connection, tx, id, revision, text, status, at, cancellationToken);
        var saved = await ReadAsync(connection, tx, id, lockRow: false, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (SaveOutcome.Saved, saved);
    }

    public async Task<IReadOnlyList<HotlineDraftSummary>> ListAsync(HotlineDraftQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        // Only the filters given: PostgreSQL cannot type a bare NULL parameter, and the plan is better for it.
        var sql = new StringBuilder("SELECT id, received_at, category, street, status, revision, complaint, updated_at FROM hotline_drafts WHERE TRUE");
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(condition);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("street = @street", "street", query.Street);
        Filter("category = @category", "category", query.Category);
        Filter("received_date >= @from", "from", query.From);
        Filter("received_date <= @to", "to", query.To);
        Filter("status = @status", "status", query.Status);
        sql.Append(" ORDER BY received_at DESC, created_at DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", query.Limit);
        command.CommandText = sql.ToString();

        var list = new List<HotlineDraftSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new HotlineDraftSummary(
                reader.GetString(0), Local(reader.GetFieldValue<DateTimeOffset>(1)), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), HotlineDraftSummary.ExcerptOf(reader.GetString(6)),
                Local(reader.GetFieldValue<DateTimeOffset>(7))));
        }

        return list;
    }

    public async Task<IReadOnlyList<HotlineCount>> CountAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT category, street, COUNT(*) FROM hotline_drafts
            WHERE received_date BETWEEN @from AND @to
            GROUP BY category, street
            """, connection);
        Bind(command, ("from", from), ("to", to));
        var counts = new List<HotlineCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new HotlineCount(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), (int)reader.GetInt64(2)));
        }

        return counts;
    }

    private async Task<HotlineDraft?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string id, bool lockRow, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT complaint, received_at, triage::text, dispatch_note, draft, status, revision, created_at, updated_at
            FROM hotline_drafts WHERE id = @id{(lockRow ? " FOR UPDATE" : "")};
            SELECT revision, draft, status, saved_at FROM hotline_draft_revisions WHERE draft_id = @id ORDER BY revision;
            """, connection, tx);
        Bind(command, ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var complaint = reader.GetString(0);
        var receivedAt = Local(reader.GetFieldValue<DateTimeOffset>(1));
        var triage = JsonSerializer.Deserialize<HotlineTriageView>(reader.GetString(2), Json)
            ?? throw new InvalidDataException($"Draft {id} has no triage.");
        var note = reader.GetString(3);
        var draft = reader.GetString(4);
        var status = reader.GetString(5);
        var revision = reader.GetInt32(6);
        var created = Local(reader.GetFieldValue<DateTimeOffset>(7));
        var updated = Local(reader.GetFieldValue<DateTimeOffset>(8));
        await reader.NextResultAsync(cancellationToken);
        var revisions = new List<HotlineRevision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new HotlineRevision(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), Local(reader.GetFieldValue<DateTimeOffset>(3))));
        }

        return HotlineDraft.Compose(id, complaint, receivedAt, triage, draft, note, status, revision, created, updated, revisions);
    }

    private static async Task InsertRevisionAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, string id, int revision, string text, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO hotline_draft_revisions (draft_id, revision, draft, status, saved_at) VALUES (@id, @revision, @draft, @status, @at)",
            connection, tx);
        Bind(insert, ("id", id), ("revision", revision), ("draft", text), ("status", status), ("at", Utc(at)));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Bind(NpgsqlCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    // Npgsql writes only UTC offsets to timestamptz.
    private static DateTimeOffset Utc(DateTimeOffset t) => t.ToUniversalTime();

    // Read back in the hotline's clock, so the API shows the times the operator lives by.
    private DateTimeOffset Local(DateTimeOffset t) => t.ToOffset(Offset);

    private DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(Offset).DateTime);
}
