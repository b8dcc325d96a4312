using System.Text.Json;
using Assistant.Bot.Storage;
using Assistant.Index.Answers;
using Npgsql;
using NpgsqlTypes;

namespace Assistant.Bot.Conversations;

/// <summary>Conversation contexts in PostgreSQL: a follow-up resolves whichever instance answers it.</summary>
internal sealed class PostgresConversationStore(PostgresDatabase database) : IConversationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT context::text FROM conversation_contexts WHERE conversation_id = @id", connection);
        command.Parameters.AddWithValue("id", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<ConversationContext>(json, Json)
            : null;
    }

    public async Task SaveContextsAsync(IReadOnlyCollection<KeyValuePair<string, ConversationContext>> contexts, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // As on SQLite: a lost follow-up context costs a re-asked question, not data, so the commit does not wait for
        // the server's disk. It still survives this process dying. The batch is one statement over two arrays.
        await using var command = new NpgsqlCommand("""
            SET LOCAL synchronous_commit TO OFF;
            INSERT INTO conversation_contexts (conversation_id, context, updated_at)
            SELECT id, context, now() FROM unnest(@ids, @contexts) AS batch (id, context)
            ON CONFLICT (conversation_id) DO UPDATE SET context = excluded.context, updated_at = excluded.updated_at;
            """, connection, tx);
        command.Parameters.AddWithValue("ids", NpgsqlDbType.Array | NpgsqlDbType.Text, contexts.Select(c => c.Key).ToArray());
        command.Parameters.AddWithValue("contexts", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, contexts.Select(c => JsonSerializer.Serialize(c.Value, Json)).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        int slice;
        do
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("""
                DELETE FROM conversation_contexts WHERE conversation_id IN
                    (SELECT conversation_id FROM conversation_contexts WHERE updated_at < @cutoff LIMIT 5000)
                """, connection);
            command.Parameters.AddWithValue("cutoff", cutoff);
            slice = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += slice;
        }
        while (slice == 5000);
        return deleted;
    }

    internal sealed class Schema : IPostgresSchema
    {
        public IEnumerable<Migration> Migrations =>
        [
            new("conversations-001", """
                CREATE TABLE conversation_contexts (
                    conversation_id text PRIMARY KEY,
                    context         jsonb NOT NULL,
                    updated_at      timestamptz NOT NULL);
                """),
            new("conversations-002", "CREATE INDEX conversation_contexts_updated ON conversation_contexts (updated_at);"),
        ];
    }
}
