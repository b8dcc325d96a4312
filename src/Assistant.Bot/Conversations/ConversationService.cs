using System.Diagnostics;
using Assistant.Bot.Hosting;
using Assistant.Index;
using Assistant.Index.Answers;

namespace Assistant.Bot.Conversations;

/// <summary>What a channel gets back for one user message.</summary>
public sealed record ConversationReply(string ConversationId, Answer Answer, string AnsweredBy = "rules");

/// <summary>
/// The one conversation service every channel calls: it keeps each conversation's context, so follow-ups
/// ("那协办单位呢？") resolve against the previous answer, and asks the answer engine. A composer (the optional
/// language model) may then word the reply; the rules' answer is the default and the fallback.
/// </summary>
public sealed class ConversationService(LivePlan plan, ConversationContexts contexts, AssistantMetrics metrics, IAnswerComposer? composer = null)
{
    /// <param name="channel">Where the question came from (api, teams, directline, …), for the metrics.</param>
    public async Task<ConversationReply> AskAsync(string? conversationId, string question, CancellationToken cancellationToken, string channel = "api")
    {
        var isNew = string.IsNullOrWhiteSpace(conversationId);
        // Time-ordered ids (still 74 random bits): new contexts append to the end of the store's index instead of dirtying a random page each.
        var id = isNew ? Guid.CreateVersion7().ToString("n") : conversationId!;
        var context = isNew ? null : await contexts.GetAsync(id, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        // The plan as it stands now: an approved split correction changes the next answer.
        var rules = plan.Current.Answers.Ask(question, context);
        var composed = composer is null ? null : await composer.ComposeAsync(question, rules, context, cancellationToken);
        var answer = composed ?? rules;
        metrics.Answered(answer.Intent.ToApi(), answer.NoAnswer, Stopwatch.GetElapsedTime(started).TotalMilliseconds, channel);
        // Keep only what a follow-up could use, and only when it changed; stored in batches (ConversationContexts).
        if (!answer.Context.IsEmpty && !(context?.SameAs(answer.Context) ?? false))
        {
            await contexts.SaveAsync(id, answer.Context, cancellationToken);
        }

        return new ConversationReply(id, answer, composed is null ? AnsweredBy.Rules : AnsweredBy.Model);
    }
}
