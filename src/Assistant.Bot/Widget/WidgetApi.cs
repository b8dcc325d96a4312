using System.Security.Cryptography;
using Assistant.Bot.Channels.DirectLine;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Widget;

/// <summary>What the public page and the widget need to start a chat: a Direct Line token (never the secret) and limits.</summary>
public sealed record WidgetSession(
    string Token,
    string ConversationId,
    string UserId,
    int ExpiresIn,
    int MaxMessageLength,
    IReadOnlyList<string> SuggestedQuestions);

public static class WidgetApi
{
    /// <summary>POST /api/widget/token: a citizen's token for a new conversation, bound to a server-chosen user id.</summary>
    public static RouteGroupBuilder MapWidgetApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/widget").WithTags("Widget").RequireRateLimiting(Hosting.PublicLimits.Policy);
        group.MapPost("/token", IssueToken)
            .WithName("WidgetToken")
            .WithSummary("A Direct Line token for the public page or the embedded widget.");
        return group;
    }

    private static Results<Ok<WidgetSession>, JsonHttpResult<DirectLineError>> IssueToken(
        HttpContext context, DirectLineTokens tokens, DirectLineLimits limits, IOptions<DirectLineOptions> directLine,
        Hosting.LiveOptions<WidgetOptions> widget)
    {
        if (limits.TakeToken(context) is { } retryAfter)
        {
            return DirectLineErrors.TooManyRequests(context.Response, retryAfter);
        }

        // "dl_" ids are vouched for by the token: a citizen cannot post as someone else.
        var userId = "dl_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
        var conversationId = DirectLineTokens.NewConversationId();
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new WidgetSession(tokens.Issue(conversationId, userId), conversationId, userId,
            (int)tokens.Lifetime.TotalSeconds, directLine.Value.MaxMessageLength, widget.Value.SuggestedQuestions));
    }
}
