using System.Diagnostics;
using Assistant.Bot.Hosting;
using Assistant.Index.Answers;

namespace Assistant.Bot.Conversations;

/// <summary>What a channel gets back for one user message.</summary>
public sealed record ConversationReply(string ConversationId, Answer Answer, string AnsweredBy = "rules");

/// <summary>
/// The one conversation service every channel calls: it keeps each conversation's context, so follow-ups
/// ("那协办单位呢？") resolve against the previous answer, and asks the answer engine. A composer (the optional
/// language model) may then word the reply; the rules' answer is the default and the fallback.
/// </summary>
public sealed class ConversationService(AnswerEngine answers, IConversationStore store, AssistantMetrics metrics, IAnswerComposer? composer = null)
{
    /// <param name="channel">Where the question came from (api, teams, directline, …), for the metrics.</param>
    public async Task<ConversationReply> AskAsync(string? conversationId, string question, CancellationToken cancellationToken, string channel = "api")
    {
        var isNew = string.IsNullOrWhiteSpace(conversationId);
        var id = isNew ? Guid.NewGuid().ToString("n") : conversationId!;
        var context = isNew ? null : await store.GetContextAsync(id, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var rules = answers.Ask(question, context);
        var composed = composer is null ? null : await composer.ComposeAsync(question, rules, context, cancellationToken);
        var answer = composed ?? rules;
        metrics.Answered(answer.Intent.ToApi(), answer.NoAnswer, Stopwatch.GetElapsedTime(started).TotalMilliseconds, channel);
        // Store only what a follow-up could use, and only when it changed: one write less per question.
        if (!answer.Context.IsEmpty && !(context?.SameAs(answer.Context) ?? false))
        {
            await store.SaveContextAsync(id, answer.Context, cancellationToken);
        }

        return new ConversationReply(id, answer, composed is null ? AnsweredBy.Rules : AnsweredBy.Model);
    }
}
