using System.Text.Json.Nodes;
using Assistant.Bot.Conversations;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// The bot behind the Direct Line: a user's message goes to the conversation service, its answer comes back as a
/// message activity; the answer text is plain text with line breaks, which Web Chat keeps. Citizens reach policy Q&amp;A here and nothing else.
/// </summary>
internal sealed class DirectLineBot(ConversationService conversations, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    public JsonObject Account => new() { ["id"] = options.Value.BotId, ["name"] = options.Value.BotName, ["role"] = "bot" };

    public async Task<JsonObject> ReplyAsync(string conversationId, JsonObject message, CancellationToken cancellationToken)
    {
        var question = message["text"]!.GetValue<string>().Trim();
        // Namespaced, so an id typed into /api/ask can never share a Direct Line conversation's context.
        var reply = await conversations.AskAsync($"directline/{conversationId}", question, cancellationToken);
        return new JsonObject
        {
            ["type"] = "message",
            ["timestamp"] = clock.GetUtcNow().ToString("O"),
            ["channelId"] = "directline",
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["from"] = Account,
            ["recipient"] = message["from"]?.DeepClone(),
            ["replyToId"] = message["id"]?.DeepClone(),
            ["locale"] = "zh-CN",
            ["textFormat"] = "plain",
            ["text"] = reply.Answer.Text,
            ["inputHint"] = "acceptingInput",
        };
    }
}
