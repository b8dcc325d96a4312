using Assistant.Bot.Storage;
using Assistant.Index.Answers;

namespace Assistant.Bot.Conversations;

/// <summary>Per-conversation answer context (what follow-ups resolve against).</summary>
public interface IConversationStore
{
    Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken);

    Task SaveContextAsync(string conversationId, ConversationContext context, CancellationToken cancellationToken);
}

public static class ConversationServiceExtensions
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<Hosting.AssistantMetrics>();
        services.AddSingleton<ISqliteSchema, SqliteConversationStore.Schema>();
        services.AddSingleton<IPostgresSchema, PostgresConversationStore.Schema>();
        services.AddStore<IConversationStore, SqliteConversationStore, PostgresConversationStore>();
        services.AddSingleton<ConversationService>();
        return services;
    }
}
