using Assistant.Index.Answers;

namespace Assistant.Bot.Conversations;

/// <summary>
/// Composes the reply another way than the rules (a language model, <see cref="Ai.ModelAnswerComposer"/>). Null means
/// "send the rules' answer": a composer's failures are its own and never reach the user.
/// </summary>
public interface IAnswerComposer
{
    Task<Answer?> ComposeAsync(string question, Answer rules, ConversationContext? context, CancellationToken cancellationToken);
}

/// <summary>Which path answered, as <see cref="ConversationReply.AnsweredBy"/> and the API's answeredBy say it.</summary>
public static class AnsweredBy
{
    public const string Rules = "rules";
    public const string Model = "model";
}
