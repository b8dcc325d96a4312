using System.Collections.Concurrent;
using Assistant.Index.Answers;

namespace Assistant.Bot.Conversations;

/// <summary>Per-conversation answer context.</summary>
public interface IConversationStore
{
    Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken);

    Task SaveContextAsync(string conversationId, ConversationContext context, CancellationToken cancellationToken);
}

/// <summary>Process-local store; bounded so an anonymous flood of conversation ids cannot exhaust memory.</summary>
internal sealed class InMemoryConversationStore : IConversationStore
{
    private const int MaxConversations = 50_000;
    private readonly ConcurrentDictionary<string, ConversationContext> _contexts = new(StringComparer.Ordinal);

    public Task<ConversationContext?> GetContextAsync(string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(_contexts.GetValueOrDefault(conversationId));

    public Task SaveContextAsync(string conversationId, ConversationContext context, CancellationToken cancellationToken)
    {
        if (_contexts.Count >= MaxConversations)
        {
            _contexts.Clear();
        }

        _contexts[conversationId] = context;
        return Task.CompletedTask;
    }
}

public static class ConversationServiceExtensions
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<IConversationStore, InMemoryConversationStore>();
        services.AddSingleton<ConversationService>();
        return services;
    }
}
