using Assistant.Bot.Storage;
using Assistant.Index.Answers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Assistant.Bot.Conversations;

/// <summary>Per-conversation answer context (what follow-ups resolve against).</summary>
public interface IConversationStore
{
    Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Saves several conversations' contexts in one write (one transaction); each id appears once.</summary>
    Task SaveContextsAsync(IReadOnlyCollection<KeyValuePair<string, ConversationContext>> contexts, CancellationToken cancellationToken);

    Task SaveContextAsync(string conversationId, ConversationContext context, CancellationToken cancellationToken) =>
        SaveContextsAsync([new(conversationId, context)], cancellationToken);

    /// <summary>Deletes contexts last saved before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
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
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConversationContexts>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationContexts>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<ConversationRetention>();
        services.AddSingleton<ConversationService>();
        return services;
    }
}
