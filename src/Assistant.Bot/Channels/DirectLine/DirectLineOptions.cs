using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>The "DirectLine" configuration section: the self-hosted Direct Line 3.0 that Web Chat talks to.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>
    /// The secret a site's server uses to get tokens (<c>Authorization: Bearer &lt;secret&gt;</c>). Empty → one is generated
    /// on first start and kept in the data folder (directline-secret.txt).
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Origins (scheme://host[:port]) whose pages may call Direct Line from the browser, e.g. a site running its own Web Chat.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a conversation token is valid; Web Chat refreshes it halfway.</summary>
    [Range(60, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 1800;

    /// <summary>How long the token in a <c>streamUrl</c> may be used to open the WebSocket.</summary>
    [Range(10, 3600)]
    public int StreamTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>Largest activity a client may post, in bytes of JSON. Web Chat's own messages are about 1–2 KB.</summary>
    [Range(1024, 1_048_576)]
    public int MaxActivityBytes { get; set; } = 16 * 1024;

    /// <summary>Longest message text, in characters; the public page limits its input to the same number.</summary>
    [Range(1, 10_000)]
    public int MaxMessageLength { get; set; } = 500;

    /// <summary>Activities one conversation may hold (the user's messages and the bot's answers): beyond it, posts get 403.</summary>
    [Range(2, 1_000_000)]
    public int MaxActivitiesPerConversation { get; set; } = 400;

    /// <summary>Messages one conversation may post per minute.</summary>
    [Range(1, 10_000)]
    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Widget tokens (POST /api/widget/token) one client address may get per minute.</summary>
    [Range(1, 10_000)]
    public int TokensPerMinute { get; set; } = 30;

    /// <summary>Seconds between the empty keep-alive frames on an idle WebSocket.</summary>
    [Range(1, 300)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>Conversations idle for longer than this are deleted with their activities.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How the bot appears in activities it sends.</summary>
    [Required]
    public string BotId { get; set; } = "xicheng-policy-assistant";

    [Required]
    public string BotName { get; set; } = "西城政策助手";
}
