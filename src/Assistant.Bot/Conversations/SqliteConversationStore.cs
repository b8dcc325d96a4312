using System.Text.Json;
using Assistant.Bot.Storage;
using Assistant.Index.Answers;

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

    public async Task SaveContextAsync(string conversationId, ConversationContext context, CancellationToken cancellationToken)
    {
        // A lost follow-up context costs a re-asked question, not data: no fsync per question.
        await using var connection = await database.OpenAsync(cancellationToken, durable: false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_contexts (conversation_id, context, updated_at) VALUES ($id, $context, $at)
            ON CONFLICT (conversation_id) DO UPDATE SET context = excluded.context, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$context", JsonSerializer.Serialize(context, Json));
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
        ];
    }
}
