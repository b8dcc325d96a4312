using System.Globalization;
using Assistant.Bot.Hosting;
using Assistant.Bot.Storage;
using Assistant.Index.Knowledge;
using Microsoft.Data.Sqlite;

namespace Assistant.Bot.Progress;

/// <summary>What a unit proposes about its role on a row whose lead/co split is inferred.</summary>
public sealed record SplitProposalEntry(string MeasureRef, string NamedAs, string Unit, DutyRole Role, string Citation, string? Comment);

/// <summary>
/// A proposal and, once made, its decision: kept for good (approved, rejected or pending). <see cref="Role"/> is lead or co;
/// <see cref="NamedAs"/> the name the row gives the unit (its own, or 各街道办事处 for a street office);
/// <see cref="CurrentRole"/> (API only, not stored) the role the plan gives it now, so a reader tells a confirmation from a correction.
/// </summary>
public sealed record SplitProposal(
    long Id,
    string MeasureRef,
    string NamedAs,
    string Unit,
    string Role,
    string Citation,
    string? Comment,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string Status,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Reason,
    string? CurrentRole = null)
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>The correction an approved proposal makes to the plan.</summary>
    public SplitCorrection ToCorrection() =>
        new(Id, MeasureRef, NamedAs, SplitRoles.Parse(Role)!.Value, Unit, Citation, ProposedBy, ProposedAt, DecidedBy!, DecidedAt!.Value);
}

public static class SplitRoles
{
    public static DutyRole? Parse(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        "lead" => DutyRole.Lead,
        "co" => DutyRole.Co,
        _ => null,
    };

    public static string Format(DutyRole role) => role == DutyRole.Lead ? "lead" : "co";
}

public enum SplitDecisionOutcome
{
    Decided,
    NotFound,
    AlreadyDecided,
}

/// <summary>
/// Where split proposals and decisions live (the database beside the reports). A decision is one conditional update: of
/// two decisions on one proposal exactly one lands, and a decided proposal never changes again.
/// </summary>
public interface ISplitStore : IApprovedSplits
{
    Task<SplitProposal> ProposeAsync(SplitProposalEntry entry, string proposedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Approves or rejects a pending proposal.</summary>
    Task<(SplitDecisionOutcome Outcome, SplitProposal? Proposal)> DecideAsync(
        long id, bool approve, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    Task<SplitProposal?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>Every proposal (one unit's, when given), newest first.</summary>
    Task<IReadOnlyList<SplitProposal>> ListAsync(string? unit, CancellationToken cancellationToken);
}

internal sealed class SplitSchema : ISqliteSchema
{
    public IEnumerable<Migration> Migrations =>
    [
        new("splits-001", """
            CREATE TABLE split_proposals (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                measure_ref TEXT NOT NULL,
                named_as    TEXT NOT NULL,
                unit        TEXT NOT NULL,
                role        TEXT NOT NULL CHECK (role IN ('lead', 'co')),
                citation    TEXT NOT NULL,
                comment     TEXT NULL,
                proposed_by TEXT NOT NULL,
                proposed_at TEXT NOT NULL,
                status      TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
                decided_by  TEXT NULL,
                decided_at  TEXT NULL,
                reason      TEXT NULL
            );
            CREATE INDEX ix_split_proposals_status ON split_proposals (status);
            """),
    ];
}

internal sealed class SqliteSplitStore(SqliteDatabase database) : ISplitStore
{
    internal const string Columns =
        "id, measure_ref, named_as, unit, role, citation, comment, proposed_by, proposed_at, status, decided_by, decided_at, reason";

    public async Task<SplitProposal> ProposeAsync(SplitProposalEntry entry, string proposedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO split_proposals (measure_ref, named_as, unit, role, citation, comment, proposed_by, proposed_at, status)
            VALUES ($ref, $named, $unit, $role, $citation, $comment, $by, $at, 'pending') RETURNING {Columns}
            """;
        Bind(command, ("$ref", entry.MeasureRef), ("$named", entry.NamedAs), ("$unit", entry.Unit), ("$role", SplitRoles.Format(entry.Role)),
            ("$citation", entry.Citation), ("$comment", entry.Comment), ("$by", proposedBy), ("$at", Text(at)));
        return (await ReadAllAsync(command, cancellationToken)).Single();
    }

    public async Task<(SplitDecisionOutcome Outcome, SplitProposal? Proposal)> DecideAsync(
        long id, bool approve, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE split_proposals SET status = $status, decided_by = $by, decided_at = $at, reason = $reason
            WHERE id = $id AND status = 'pending' RETURNING {Columns}
            """;
        Bind(command, ("$status", approve ? SplitProposal.Approved : SplitProposal.Rejected), ("$by", decidedBy), ("$at", Text(at)),
            ("$reason", reason), ("$id", id));
        if ((await ReadAllAsync(command, cancellationToken)).SingleOrDefault() is { } decided)
        {
            return (SplitDecisionOutcome.Decided, decided);
        }

        return await GetAsync(id, cancellationToken) is { } existing ? (SplitDecisionOutcome.AlreadyDecided, existing) : (SplitDecisionOutcome.NotFound, null);
    }

    public async Task<SplitProposal?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM split_proposals WHERE id = $id", cancellationToken, ("$id", id))).SingleOrDefault();

    public async Task<IReadOnlyList<SplitProposal>> ListAsync(string? unit, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {Columns} FROM split_proposals WHERE $unit IS NULL OR unit = $unit ORDER BY id DESC", cancellationToken, ("$unit", unit));

    public async Task<IReadOnlyList<SplitCorrection>> ApprovedAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM split_proposals WHERE status = 'approved' ORDER BY decided_at, id", cancellationToken))
            .Select(p => p.ToCorrection()).ToList();

    private async Task<List<SplitProposal>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, parameters);
        return await ReadAllAsync(command, cancellationToken);
    }

    private static async Task<List<SplitProposal>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<SplitProposal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new SplitProposal(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), Time(reader.GetString(8)),
                reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : Time(reader.GetString(11)),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return list;
    }

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
