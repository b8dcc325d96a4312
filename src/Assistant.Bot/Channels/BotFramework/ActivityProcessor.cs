using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// The bot's behaviour for an authenticated, acknowledged activity: a message becomes one call on the
/// conversation service and one card back (after a typing indicator); members joining get a greeting; every other
/// type is ignored.
/// </summary>
internal sealed class ActivityProcessor(
    ConversationService conversations,
    ConnectorClient connector,
    IOptions<BotFrameworkOptions> options,
    IOptions<AssistantOptions> assistant,
    ILogger<ActivityProcessor> logger)
{
    /// <summary>Shown as buttons on the greeting; each is a question the plan answers.</summary>
    internal static readonly string[] ExampleQuestions = ["餐饮油烟归哪个部门管", "施工扬尘管控什么时候完成", "区园林绿化局负责哪些任务"];

    public Task ProcessAsync(Activity activity, CancellationToken cancellationToken) => activity.Type switch
    {
        ActivityTypes.Message => AnswerAsync(activity, cancellationToken),
        ActivityTypes.ConversationUpdate => GreetAsync(activity, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task AnswerAsync(Activity message, CancellationToken cancellationToken)
    {
        var tenant = IncomingMessage.TenantId(message);
        var allowed = options.Value.AllowedTenantIds;
        if (allowed.Length > 0 && (tenant is null || !allowed.Contains(tenant, StringComparer.OrdinalIgnoreCase)))
        {
            logger.LogWarning("Message from tenant {Tenant}, which is not in BotFramework:AllowedTenantIds", tenant ?? "(none)");
            await ReplyAsync(message, AnswerCard.Notice("本助手仅向已授权的机构提供服务。"), cancellationToken);
            return;
        }

        var question = IncomingMessage.Question(message);
        if (question.Length == 0)
        {
            // An @mention alone, or a card without a question: say what the bot does.
            await ReplyAsync(message, AnswerCard.Greeting(ExampleQuestions), cancellationToken);
            return;
        }

        if (question.Length > assistant.Value.MaxQuestionLength)
        {
            await ReplyAsync(message, AnswerCard.Notice($"问题太长了，请控制在 {assistant.Value.MaxQuestionLength} 字以内。"), cancellationToken);
            return;
        }

        await connector.ReplyAsync(message, Reply(message, ActivityTypes.Typing), cancellationToken);

        Attachment card;
        try
        {
            // One conversation per channel conversation (a Teams channel thread is its own conversation id).
            var reply = await conversations.AskAsync($"{message.ChannelId}:{message.Conversation!.Id}", question, cancellationToken, channel: "teams");
            card = AnswerCard.For(reply.Answer, IncomingMessage.WantsFullText(message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Answering a message failed");
            card = AnswerCard.Notice("抱歉，暂时无法回答这个问题，请稍后再试。");
        }

        await ReplyAsync(message, card, cancellationToken);
    }

    private async Task GreetAsync(Activity update, CancellationToken cancellationToken)
    {
        var botId = update.Recipient?.Id;
        var someoneElseJoined = update.MembersAdded?.Any(m => !string.Equals(m.Id, botId, StringComparison.OrdinalIgnoreCase)) == true;
        if (someoneElseJoined)
        {
            await ReplyAsync(update, AnswerCard.Greeting(ExampleQuestions), cancellationToken);
        }
    }

    private Task<bool> ReplyAsync(Activity inbound, Attachment card, CancellationToken cancellationToken) =>
        connector.ReplyAsync(inbound, Reply(inbound, ActivityTypes.Message) with { Attachments = [card] }, cancellationToken);

    /// <summary>An outbound activity addressed back along the inbound one (no id, timestamp or serviceUrl: the connector sets those).</summary>
    private static Activity Reply(Activity inbound, string type) => new()
    {
        Type = type,
        ChannelId = inbound.ChannelId,
        From = inbound.Recipient,
        Recipient = inbound.From,
        Conversation = inbound.Conversation,
        ReplyToId = inbound.Id,
        Locale = inbound.Locale,
    };
}
