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
        if (!IsAllowedOrigin(context.Request, widget.Value.AllowedOrigins))
        {
            return DirectLineErrors.Forbidden("Tokens are issued to this site's own pages and the sites in Widget:AllowedOrigins only.");
        }

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

    /// <summary>
    /// A browser names the page that calls in <c>Origin</c>: this server's own (the public page, the widget's panel) or an
    /// embedding site in Widget:AllowedOrigins gets a token; any other site's script does not, so it cannot run chats on
    /// this server from its visitors' browsers. No Origin at all is a client that is not a browser (curl, a site's server).
    /// </summary>
    internal static bool IsAllowedOrigin(HttpRequest request, IReadOnlyList<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        // Our own host and port (the scheme may differ behind a TLS-terminating proxy that does not forward it).
        var host = request.Host;
        var samePort = host.Port is { } port ? uri.Port == port : uri.IsDefaultPort;
        if (host.HasValue && string.Equals(uri.Host, host.Host, StringComparison.OrdinalIgnoreCase) && samePort)
        {
            return true;
        }

        return allowed.Any(a => Uri.TryCreate(a.TrimEnd('/'), UriKind.Absolute, out var listed)
            && string.Equals(listed.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(listed.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
            && listed.Port == uri.Port);
    }
}
