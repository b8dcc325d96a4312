using System.Text.Json;
using Assistant.Bot.Storage;
using Assistant.Index.Answers;
using Microsoft.Data.Sqlite;

namespace Assistant.Bot.Conversations;

/// <summary>Conversation contexts in the embedded database, so follow-ups still resolve after a restart.</summary>
internal sealed class SqliteConversationStore(SqliteDatabase database) : IConversationStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT context FROM conversation_contexts WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<ConversationContext>(json, Json)
            : null;
    }

    public async Task SaveContextsAsync(IReadOnlyCollection<KeyValuePair<string, ConversationContext>> contexts, CancellationToken cancellationToken)
    {
        // A lost follow-up context costs a re-asked question, not data: no fsync; one transaction for the batch.
        await using var connection = await database.OpenAsync(cancellationToken, durable: false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO conversation_contexts (conversation_id, context, updated_at) VALUES ($id, $context, $at)
            ON CONFLICT (conversation_id) DO UPDATE SET context = excluded.context, updated_at = excluded.updated_at
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var context = command.Parameters.Add("$context", SqliteType.Text);
        command.Parameters.AddWithValue("$at", Timestamp(DateTimeOffset.UtcNow));
        foreach (var (conversationId, value) in contexts)
        {
            id.Value = conversationId;
            context.Value = JsonSerializer.Serialize(value, Json);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // In slices, so the write lock is never held for long while a large backlog goes.
        var deleted = 0;
        int slice;
        do
        {
            await using var connection = await database.OpenAsync(cancellationToken, durable: false);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM conversation_contexts WHERE conversation_id IN
                    (SELECT conversation_id FROM conversation_contexts WHERE updated_at < $cutoff LIMIT 5000)
                """;
            command.Parameters.AddWithValue("$cutoff", Timestamp(cutoff));
            slice = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += slice;
        }
        while (slice == 5000);
        return deleted;
    }

    /// <summary>Round-trip UTC text: it sorts as the time does, so a string comparison is a time comparison.</summary>
    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    internal sealed class Schema : ISqliteSchema
    {
        public IEnumerable<Migration> Migrations =>
        [
            new("conversations-001", """
                CREATE TABLE conversation_contexts (
                    conversation_id TEXT PRIMARY KEY,
                    context TEXT NOT NULL,
                    updated_at TEXT NOT NULL);
                """),
            // Keyed by the id alone (no rowid): one B-tree insert per saved context instead of two.
            new("conversations-002", """
                CREATE TABLE conversation_contexts_by_id (
                    conversation_id TEXT PRIMARY KEY,
                    context TEXT NOT NULL,
                    updated_at TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO conversation_contexts_by_id SELECT conversation_id, context, updated_at FROM conversation_contexts;
                DROP TABLE conversation_contexts;
                ALTER TABLE conversation_contexts_by_id RENAME TO conversation_contexts;
                """),
            // For the retention sweep; updated_at only grows, so each insert lands at the end of this index.
            new("conversations-003", "CREATE INDEX conversation_contexts_updated ON conversation_contexts (updated_at);"),
        ];
    }
}
