using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>What the bot reads from a message activity: the user's question and, in Teams, the tenant.</summary>
internal static partial class IncomingMessage
{
    /// <summary>The key under which a card button's data carries the question it asks (see <see cref="AnswerCard"/>).</summary>
    public const string QuestionKey = "question";

    /// <summary>
    /// The question: a card button's <c>value.question</c> (Action.Submit sends the data as the value, with no
    /// text), else the text less the bot's own @mention, HTML entities decoded and trimmed.
    /// </summary>
    public static string Question(Activity activity)
    {
        if (activity.Value is { ValueKind: JsonValueKind.Object } value
            && value.TryGetProperty(QuestionKey, out var asked) && asked.ValueKind == JsonValueKind.String)
        {
            return asked.GetString()!.Trim();
        }

        var text = RemoveBotMention(activity.Text ?? "", activity);
        // Teams writes the space after a mention as &nbsp; and may escape other characters.
        return WebUtility.HtmlDecode(text).Trim();
    }

    /// <summary>What starts a complaint an operator pastes for a reply draft: "诉求：……".</summary>
    public const string ComplaintPrefix = "诉求";

    /// <summary>The complaint in "诉求：……" (full-width or ASCII colon, or a space), or null when the message is a question.</summary>
    public static string? Complaint(string question)
    {
        if (!question.StartsWith(ComplaintPrefix, StringComparison.Ordinal) || question.Length == ComplaintPrefix.Length)
        {
            return null;
        }

        var separator = question[ComplaintPrefix.Length];
        return separator is '：' or ':' || char.IsWhiteSpace(separator) ? question[(ComplaintPrefix.Length + 1)..].Trim() : null;
    }

    /// <summary>True when a card button asked for measure texts in full ("原文").</summary>
    public static bool WantsFullText(Activity activity) =>
        activity.Value is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty(AnswerCard.FullTextKey, out var full) && full.ValueKind == JsonValueKind.True;

    /// <summary>
    /// Removes each mention of the bot (an entity whose <c>mentioned.id</c> is the recipient's id, compared
    /// case-insensitively, as the SDK's RemoveRecipientMention does); falls back to <c>&lt;at&gt;{bot name}&lt;/at&gt;</c>.
    /// Mentions of other people keep their name without the markup: they may be what the question is about.
    /// </summary>
    public static string RemoveBotMention(string text, Activity activity)
    {
        var botId = activity.Recipient?.Id;
        var botName = activity.Recipient?.Name;
        var removed = false;
        foreach (var mention in activity.Entities ?? [])
        {
            if (!string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(botId)
                || !string.Equals(mention.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var surface = !string.IsNullOrEmpty(mention.Text) ? mention.Text : $"<at>{mention.Mentioned?.Name ?? botName}</at>";
            text = text.Replace(surface, " ", StringComparison.OrdinalIgnoreCase);
            removed = true;
        }

        if (!removed && !string.IsNullOrEmpty(botName))
        {
            text = text.Replace($"<at>{botName}</at>", " ", StringComparison.OrdinalIgnoreCase);
        }

        return OtherMention().Replace(text, "$1").Trim();
    }

    [GeneratedRegex("<at>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex OtherMention();

    /// <summary>The Entra tenant of a Teams activity: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    public static string? TenantId(Activity activity)
    {
        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } data
            && data.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.Object
            && tenant.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            return id.GetString();
        }

        return activity.Conversation?.TenantId;
    }
}
