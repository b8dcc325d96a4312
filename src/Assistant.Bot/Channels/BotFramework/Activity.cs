using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// A Bot Framework activity: the fields the bot reads or writes. Everything else a channel sends is kept in
/// <see cref="Properties"/>, so unknown fields are accepted and, where an object is echoed back
/// (conversation, from, recipient), returned unchanged.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? ReplyToId { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Locale { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public JsonElement? ChannelData { get; init; }

    public JsonElement? Value { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>A user or bot: <c>{id, name, aadObjectId?, role?}</c>.</summary>
public sealed record ChannelAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>A conversation: Teams sets <c>conversationType</c> (personal, groupChat, channel) and <c>tenantId</c>.</summary>
public sealed record ConversationAccount
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? ConversationType { get; init; }

    public bool? IsGroup { get; init; }

    public string? TenantId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>An entity; the bot reads mentions: <c>{"type":"mention","mentioned":{id,name},"text":"&lt;at&gt;Name&lt;/at&gt;"}</c>.</summary>
public sealed record Entity
{
    public string? Type { get; init; }

    public ChannelAccount? Mentioned { get; init; }

    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>An attachment; the bot sends Adaptive Cards.</summary>
public sealed record Attachment(string ContentType, JsonNode? Content);

/// <summary>The activity types the bot acts on; anything else is acknowledged and ignored.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Typing = "typing";
    public const string Invoke = "invoke";
}

internal static class ActivityJson
{
    /// <summary>camelCase, case-insensitive reading, nulls left out when writing (outbound activities omit what they do not set).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // {"type":"message","type":"invoke"}: refused (400), not read one way here and another way downstream.
        AllowDuplicateProperties = false,
    };
}
