using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Assistant.Bot.Hotline;
using Assistant.Bot.Progress;
using Assistant.Bot.Security;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// The bot's behaviour for an authenticated, acknowledged activity: a message becomes one call on the
/// conversation service and one card back (after a typing indicator); an operator's "诉求：……" in a personal chat
/// becomes a hotline draft card; members joining get a greeting; every other type is ignored.
/// </summary>
internal sealed class ActivityProcessor(
    ConversationService conversations,
    ConnectorClient connector,
    TeamsRoles roles,
    HotlineDesk hotline,
    TeamsStaff staff,
    IOptions<BotFrameworkOptions> options,
    IOptions<AssistantOptions> assistant,
    IOptions<HotlineOptions> hotlineOptions,
    ILogger<ActivityProcessor> logger)
{
    /// <summary>Shown as buttons on the greeting; each is a question the plan answers.</summary>
    internal static readonly string[] ExampleQuestions = ["餐饮油烟归哪个部门管", "施工扬尘管控什么时候完成", "区园林绿化局负责哪些任务"];

    /// <summary>Whether <see cref="ProcessAsync"/> would do anything: others are acknowledged and dropped, not queued.</summary>
    public static bool ActsOn(Activity activity) => activity.Type switch
    {
        ActivityTypes.Message => true,
        ActivityTypes.ConversationUpdate => SomeoneElseJoined(activity),
        _ => false,
    };

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

        if (IncomingMessage.Complaint(question) is { } complaint)
        {
            await DraftAsync(message, complaint, cancellationToken);
            return;
        }

        if (question.Length > assistant.Value.MaxQuestionLength)
        {
            await ReplyAsync(message, AnswerCard.Notice($"问题太长了，请控制在 {assistant.Value.MaxQuestionLength} 字以内。"), cancellationToken);
            return;
        }

        // Staff mapped to a unit: "我们这个月要完成什么", "上个月的进展报了没有", "取消提醒" (personal chats only).
        if (await staff.AnswerAsync(message, question, cancellationToken) is { } staffAnswer)
        {
            await ReplyAsync(message, AnswerCard.Notice(staffAnswer), cancellationToken);
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

    /// <summary>
    /// A hotline draft for an operator, in a personal chat only: in a group chat or channel the card would reach people
    /// who are not operators. Anyone else is told so, and their text is neither triaged, stored nor logged.
    /// </summary>
    private async Task DraftAsync(Activity message, string complaint, CancellationToken cancellationToken)
    {
        if (!Roles.Grants(await roles.RoleOfAsync(message, cancellationToken), Roles.Operator))
        {
            logger.LogInformation("A Teams user without the operator role sent a complaint for a draft; refused");
            await ReplyAsync(message, AnswerCard.Notice("生成12345答复草稿仅限接诉即办工作人员使用。如需了解行动计划，请直接提问。"), cancellationToken);
            return;
        }

        if (!string.Equals(message.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase))
        {
            await ReplyAsync(message, AnswerCard.Notice("诉求和答复草稿含有来电人的信息，请在与我的私聊中发送，不要在群聊或频道中发送。"), cancellationToken);
            return;
        }

        var max = hotlineOptions.Value.MaxComplaintLength;
        if (complaint.Length == 0 || complaint.Length > max)
        {
            await ReplyAsync(message, AnswerCard.Notice($"请在“诉求：”后粘贴来电内容（不超过 {max} 字）。"), cancellationToken);
            return;
        }

        await connector.ReplyAsync(message, Reply(message, ActivityTypes.Typing), cancellationToken);
        Attachment card;
        try
        {
            card = AnswerCard.Draft(await hotline.CreateAsync(complaint, receivedAt: null, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Drafting a hotline reply failed");
            card = AnswerCard.Notice("抱歉，暂时无法生成答复草稿，请稍后再试或使用工作台。");
        }

        await ReplyAsync(message, card, cancellationToken);
    }

    private async Task GreetAsync(Activity update, CancellationToken cancellationToken)
    {
        if (SomeoneElseJoined(update))
        {
            await ReplyAsync(update, AnswerCard.Greeting(ExampleQuestions), cancellationToken);
        }
    }

    /// <summary>Members other than the bot itself were added (the bot being added greets nobody).</summary>
    private static bool SomeoneElseJoined(Activity update) =>
        update.MembersAdded?.Any(m => !string.Equals(m.Id, update.Recipient?.Id, StringComparison.OrdinalIgnoreCase)) == true;

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
