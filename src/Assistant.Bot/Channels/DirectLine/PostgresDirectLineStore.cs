using System.Text.Json.Nodes;
using Assistant.Bot.Storage;
using Npgsql;

namespace Assistant.Bot.Channels.DirectLine;

internal sealed class PostgresDirectLineSchema : IPostgresSchema
{
    public IEnumerable<Migration> Migrations { get; } =
    [
        new("directline-001", """
            CREATE TABLE directline_conversations (
                id             text PRIMARY KEY,
                user_id        text,
                started_at     timestamptz NOT NULL,
                last_active_at timestamptz NOT NULL,
                last_seq       bigint NOT NULL DEFAULT 0
            );
            CREATE INDEX directline_conversations_last_active ON directline_conversations (last_active_at);
            CREATE TABLE directline_activities (
                conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
                seq             bigint NOT NULL,
                activity        json NOT NULL,
                PRIMARY KEY (conversation_id, seq)
            );
            """),
        new("directline-002", """
            CREATE TABLE directline_stream_tokens (
                id         text PRIMARY KEY,
                expires_at timestamptz NOT NULL
            );
            """),
    ];
}

/// <summary>
/// Conversations and their activities in PostgreSQL, shared by every instance. Each append notifies
/// <see cref="ChannelName"/> with the conversation id when it commits, so a WebSocket held by another instance wakes.
/// </summary>
internal sealed class PostgresDirectLineStore(PostgresDatabase database, TimeProvider clock) : IDirectLineStore
{
    public const string ChannelName = "directline_activity";

    public async Task<bool> StartAsync(string conversationId, string? userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO directline_conversations (id, user_id, started_at, last_active_at) VALUES (@id, @user, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """, connection);
        insert.Parameters.AddWithValue("id", conversationId);
        insert.Parameters.AddWithValue("user", (object?)userId ?? DBNull.Value);
        insert.Parameters.AddWithValue("now", clock.GetUtcNow());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT 1 FROM directline_conversations WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", conversationId);
        return await select.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<string> AppendAsync(string conversationId, JsonObject activity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Taking the number locks the conversation's row until commit: the next append (on any instance) waits, so numbers
        // are gapless and commit in order, and a reader never sees N+1 before N.
        long seq;
        await using (var next = new NpgsqlCommand("""
            UPDATE directline_conversations SET last_seq = last_seq + 1, last_active_at = @now WHERE id = @id RETURNING last_seq
            """, connection, tx))
        {
            next.Parameters.AddWithValue("id", conversationId);
            next.Parameters.AddWithValue("now", clock.GetUtcNow());
            seq = await next.ExecuteScalarAsync(cancellationToken) as long?
                ?? throw new InvalidOperationException($"Direct Line conversation {conversationId} has not started.");
        }

        var id = DirectLineJson.ActivityId(conversationId, seq);
        activity["id"] = id;
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO directline_activities (conversation_id, seq, activity) VALUES (@id, @seq, @activity::json);
            SELECT pg_notify('{ChannelName}', @id);
            """, connection, tx))
        {
            insert.Parameters.AddWithValue("id", conversationId);
            insert.Parameters.AddWithValue("seq", seq);
            insert.Parameters.AddWithValue("activity", activity.ToJsonString(DirectLineJson.Options));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<long> CountAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT last_seq FROM directline_conversations WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", conversationId);
        return await select.ExecuteScalarAsync(cancellationToken) as long? ?? 0;
    }

    public async Task<ActivityPage> ReadAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand("""
            SELECT seq, activity::text FROM directline_activities WHERE conversation_id = @id AND seq > @after ORDER BY seq LIMIT @max
            """, connection);
        select.Parameters.AddWithValue("id", conversationId);
        select.Parameters.AddWithValue("after", watermark);
        select.Parameters.AddWithValue("max", max);
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
        await using var insert = new NpgsqlCommand(
            "INSERT INTO directline_stream_tokens (id, expires_at) VALUES (@id, @expires) ON CONFLICT (id) DO NOTHING", connection);
        insert.Parameters.AddWithValue("id", tokenId);
        insert.Parameters.AddWithValue("expires", expiresAt.ToUniversalTime());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var spent = new NpgsqlCommand("DELETE FROM directline_stream_tokens WHERE expires_at < @now", connection))
        {
            spent.Parameters.AddWithValue("now", clock.GetUtcNow());
            await spent.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var delete = new NpgsqlCommand("DELETE FROM directline_conversations WHERE last_active_at < @cutoff", connection);
        delete.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// Relays the store's notifications to this instance's <see cref="ConversationFeed"/>: a message posted to any instance
/// wakes the WebSocket that another instance holds for the conversation. SQLite has one process and needs none.
/// </summary>
internal sealed class PostgresActivityRelay(
    IConfiguration configuration, IServiceProvider services, ConversationFeed feed, ILogger<PostgresActivityRelay> logger) : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.UsesPostgres())
        {
            return;
        }

        var database = services.GetRequiredService<PostgresDatabase>();
        while (true)
        {
            try
            {
                await using var connection = await database.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => feed.Publish(e.Payload);
                await Execute(connection, $"LISTEN {PostgresDirectLineStore.ChannelName}", stoppingToken);

                // Anything appended while nobody listened: every open stream reads the store once more.
                feed.PublishAll();
                while (true)
                {
                    if (!await connection.WaitAsync(KeepAlive, stoppingToken))
                    {
                        // A quiet connection may be a dead one: a round trip finds out.
                        await Execute(connection, "SELECT 1", stoppingToken);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Listening for Direct Line activities failed; listening again in {Seconds} s", Reconnect.TotalSeconds);
            }

            await Task.Delay(Reconnect, stoppingToken);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
