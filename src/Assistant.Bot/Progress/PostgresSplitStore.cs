using Assistant.Bot.Storage;
using Assistant.Index.Knowledge;
using Npgsql;

namespace Assistant.Bot.Progress;

/// <summary>The split proposals in PostgreSQL: the same shape as on SQLite.</summary>
internal sealed class PostgresSplitSchema : IPostgresSchema
{
    public IEnumerable<Migration> Migrations =>
    [
        new("splits-001", """
            CREATE TABLE split_proposals (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                measure_ref text NOT NULL,
                named_as    text NOT NULL,
                unit        text NOT NULL,
                role        text NOT NULL CHECK (role IN ('lead', 'co')),
                citation    text NOT NULL,
                comment     text NULL,
                proposed_by text NOT NULL,
                proposed_at timestamptz NOT NULL,
                status      text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
                decided_by  text NULL,
                decided_at  timestamptz NULL,
                reason      text NULL
            );
            CREATE INDEX ix_split_proposals_status ON split_proposals (status);
            """),
    ];
}

internal sealed class PostgresSplitStore(PostgresDatabase database) : ISplitStore
{
    private const string Columns = SqliteSplitStore.Columns;

    public async Task<SplitProposal> ProposeAsync(SplitProposalEntry entry, string proposedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await QueryAsync($"""
            INSERT INTO split_proposals (measure_ref, named_as, unit, role, citation, comment, proposed_by, proposed_at, status)
            VALUES (@ref, @named, @unit, @role, @citation, @comment, @by, @at, 'pending') RETURNING {Columns}
            """, cancellationToken, ("ref", entry.MeasureRef), ("named", entry.NamedAs), ("unit", entry.Unit), ("role", SplitRoles.Format(entry.Role)),
            ("citation", entry.Citation), ("comment", entry.Comment), ("by", proposedBy), ("at", at.ToUniversalTime()))).Single();

    public async Task<(SplitDecisionOutcome Outcome, SplitProposal? Proposal)> DecideAsync(
        long id, bool approve, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var decided = await QueryAsync($"""
            UPDATE split_proposals SET status = @status, decided_by = @by, decided_at = @at, reason = @reason
            WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, cancellationToken, ("status", approve ? SplitProposal.Approved : SplitProposal.Rejected), ("by", decidedBy),
            ("at", at.ToUniversalTime()), ("reason", reason), ("id", id));
        if (decided.Count == 1)
        {
            return (SplitDecisionOutcome.Decided, decided[0]);
        }

        return await GetAsync(id, cancellationToken) is { } existing ? (SplitDecisionOutcome.AlreadyDecided, existing) : (SplitDecisionOutcome.NotFound, null);
    }

    public async Task<SplitProposal?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM split_proposals WHERE id = @id", cancellationToken, ("id", id))).SingleOrDefault();

    public async Task<IReadOnlyList<SplitProposal>> ListAsync(string? unit, CancellationToken cancellationToken) =>
        unit is null
            ? await QueryAsync($"SELECT {Columns} FROM split_proposals ORDER BY id DESC", cancellationToken)
            : await QueryAsync($"SELECT {Columns} FROM split_proposals WHERE unit = @unit ORDER BY id DESC", cancellationToken, ("unit", unit));

    public async Task<IReadOnlyList<SplitCorrection>> ApprovedAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM split_proposals WHERE status = 'approved' ORDER BY decided_at, id", cancellationToken))
            .Select(p => p.ToCorrection()).ToList();

    private async Task<List<SplitProposal>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            // A bare NULL has no type PostgreSQL can infer: the nullable parameters are all text.
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }

        var list = new List<SplitProposal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new SplitProposal(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return list;
    }
}
