namespace Assistant.Bot.Widget;

/// <summary>The "Widget" configuration section: the public page and the chat bubble other sites embed with /widget.js.</summary>
public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>
    /// Origins (scheme://host[:port]) whose pages may embed the chat bubble. The bubble's panel is this server's page in
    /// an iframe, and browsers refuse to show it inside any other origin's page (CSP frame-ancestors).
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Questions offered as one-click buttons next to the chat.</summary>
    public string[] SuggestedQuestions { get; set; } =
    [
        "餐饮油烟归哪个部门管",
        "施工扬尘由哪个部门负责？",
        "德胜街道PM2.5目标是多少",
        "区园林绿化局负责哪些工作",
    ];
}
