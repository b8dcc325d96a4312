using Assistant.Index.Answers;

namespace Assistant.Bot.Conversations;

/// <summary>What a channel gets back for one user message.</summary>
public sealed record ConversationReply(string ConversationId, Answer Answer, string AnsweredBy = "rules");

/// <summary>
/// The one conversation service every channel calls: it keeps each conversation's context, so follow-ups
/// ("那协办单位呢？") resolve against the previous answer, and asks the answer engine.
/// </summary>
public sealed class ConversationService(AnswerEngine answers, IConversationStore store)
{
    public async Task<ConversationReply> AskAsync(string? conversationId, string question, CancellationToken cancellationToken)
    {
        var id = string.IsNullOrWhiteSpace(conversationId) ? Guid.NewGuid().ToString("n") : conversationId;
        var context = await store.GetContextAsync(id, cancellationToken);
        var answer = answers.Ask(question, context);
        await store.SaveContextAsync(id, answer.Context, cancellationToken);
        return new ConversationReply(id, answer);
    }
}
