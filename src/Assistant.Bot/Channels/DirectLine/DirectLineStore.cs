using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Storage;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>A page of a conversation's activities after a watermark, and the watermark to ask from next.</summary>
internal sealed record ActivityPage(IReadOnlyList<JsonObject> Activities, long Watermark);

/// <summary>
/// Conversations and their activities. An activity's sequence number in its conversation is its watermark, and its id
/// is "{conversationId}|{seq}" as on the Bot Framework's Direct Line. Numbers are gapless and become visible in order,
/// so a reader that got up to N never misses an activity numbered below N.
/// </summary>
internal interface IDirectLineStore
{
    /// <summary>Starts the conversation; false if it had already started.</summary>
    Task<bool> StartAsync(string conversationId, string? userId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Adds an activity to a started conversation, setting its <c>id</c>; returns the id.</summary>
    Task<string> AppendAsync(string conversationId, JsonObject activity, CancellationToken cancellationToken);

    /// <summary>How many activities the conversation holds (its last sequence number: numbers are gapless).</summary>
    Task<long> CountAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="watermark"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken);

    /// <summary>Spends a stream token: true the first time its id is seen (on any instance), false after.</summary>
    Task<bool> ClaimStreamTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes conversations (and their activities) idle since before <paramref name="cutoff"/>, and spent tokens that have expired.</summary>
    Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

internal sealed class DirectLineSchema : ISqliteSchema
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("directline-001", """
            CREATE TABLE directline_conversations (
                id TEXT PRIMARY KEY,
                user_id TEXT,
                started_at INTEGER NOT NULL,
                last_active_at INTEGER NOT NULL
            );
            CREATE INDEX directline_conversations_last_active ON directline_conversations (last_active_at);
            CREATE TABLE directline_activities (
                conversation_id TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (conversation_id, seq)
            ) WITHOUT ROWID;
            """),
        new("directline-002", """
            CREATE TABLE directline_stream_tokens (
                id TEXT PRIMARY KEY,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
    ];
}

/// <summary>Conversations and their activities in SQLite.</summary>
internal sealed class SqliteDirectLineStore(SqliteDatabase database, TimeProvider clock) : IDirectLineStore
{
    public async Task<bool> StartAsync(string conversationId, string? userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO directline_conversations (id, user_id, started_at, last_active_at) VALUES ($id, $user, $now, $now)
            ON CONFLICT (id) DO NOTHING
            """;
        insert.Parameters.AddWithValue("$id", conversationId);
        insert.Parameters.AddWithValue("$user", (object?)userId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$now", Now());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT 1 FROM directline_conversations WHERE id = $id";
        select.Parameters.AddWithValue("$id", conversationId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<string> AppendAsync(string conversationId, JsonObject activity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is taken before MAX(seq) is read, so two posts never
        // get the same number.
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "SELECT COALESCE(MAX(seq), 0) + 1 FROM directline_activities WHERE conversation_id = $id";
        next.Parameters.AddWithValue("$id", conversationId);
        var seq = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var id = DirectLineJson.ActivityId(conversationId, seq);
        activity["id"] = id;

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO directline_activities (conversation_id, seq, json) VALUES ($id, $seq, $json);
            UPDATE directline_conversations SET last_active_at = $now WHERE id = $id;
            """;
        insert.Parameters.AddWithValue("$id", conversationId);
        insert.Parameters.AddWithValue("$seq", seq);
        insert.Parameters.AddWithValue("$json", activity.ToJsonString(DirectLineJson.Options));
        insert.Parameters.AddWithValue("$now", Now());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<long> CountAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM directline_activities WHERE conversation_id = $id";
        select.Parameters.AddWithValue("$id", conversationId);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT seq, json FROM directline_activities WHERE conversation_id = $id AND seq > $after ORDER BY seq LIMIT $max
            """;
        select.Parameters.AddWithValue("$id", conversationId);
        select.Parameters.AddWithValue("$after", watermark);
        select.Parameters.AddWithValue("$max", max);
        var activities = new List<JsonObject>();
        var last = watermark;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = reader.GetInt64(0);
            activities.Add(JsonNode.Parse(reader.GetString(1))!.AsObject());
        }

        return new ActivityPage(activities, last);
    }

    public async Task<bool> ClaimStreamTokenAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO directline_stream_tokens (id, expires_at) VALUES ($id, $expires) ON CONFLICT (id) DO NOTHING";
        insert.Parameters.AddWithValue("$id", tokenId);
        insert.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeSeconds());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var spent = connection.CreateCommand();
        spent.CommandText = "DELETE FROM directline_stream_tokens WHERE expires_at < $now";
        spent.Parameters.AddWithValue("$now", Now());
        await spent.ExecuteNonQueryAsync(cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM directline_conversations WHERE last_active_at < $cutoff";
        delete.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeSeconds());
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();
}

internal static class DirectLineJson
{
    /// <summary>An activity's id on the wire: its conversation and its number there.</summary>
    public static string ActivityId(string conversationId, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{seq:D7}");

    /// <summary>camelCase like the Bot Framework; Chinese written as is (HTML-significant characters stay escaped).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
