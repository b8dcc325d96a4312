using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Bot.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// <c>POST /api/messages</c>, the bot endpoint Azure Bot Service (Teams) calls: authenticate, acknowledge at once
/// (200, or the invoke response), and answer afterwards through the activity queue.
/// </summary>
public static class BotFrameworkApi
{
    public static IEndpointRouteBuilder MapBotFrameworkApi(this IEndpointRouteBuilder routes)
    {
        if (!routes.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.Enabled)
        {
            return routes;
        }

        var group = routes.MapGroup("/api/messages").WithTags("Bot Framework").DisableAntiforgery();
        if (!routes.ServiceProvider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.IsAuthenticated)
        {
            // Without an app id anyone on this machine may post: the per-IP limit of the public endpoints applies. (The
            // Bot Connector calls from many addresses, and authenticated calls are limited per conversation instead.)
            group.RequireRateLimiting(Hosting.PublicLimits.Policy);
        }

        group.MapPost("/", ReceiveAsync)
            .WithName("BotFrameworkMessages")
            .WithSummary("Receives a Bot Framework activity (Teams, Azure Bot Service); replies go to its serviceUrl.")
            .WithDescription("The Bot Framework protocol: a message is acknowledged with 200 and no body, then answered; an invoke " +
                             "activity is answered in the response. A missing or invalid Bot Connector token is 401.")
            .Accepts<JsonObject>("application/json")
            .Produces(StatusCodes.Status401Unauthorized);
        return routes;
    }

    private static async Task<Results<Ok, JsonHttpResult<JsonObject>, StatusCodeHttpResult, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveAsync(
        HttpContext http,
        ChannelTokenValidator validator,
        UnauthenticatedMode unauthenticated,
        ActivityQueue queue,
        IActivityInbox inbox,
        Hosting.ConversationLimits limits,
        IOptions<BotFrameworkOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(BotFrameworkApi).FullName!);
        var authorization = http.Request.Headers.Authorization.ToString();

        // Refuse anonymous callers before reading their body.
        if (settings.IsAuthenticated ? authorization.Length == 0 : !unauthenticated.Allowed)
        {
            return TypedResults.Unauthorized();
        }

        // The Bot Connector always posts JSON; anything else (a form or text/plain a web page could send) is refused unread.
        if (!IsJson(http.Request.ContentType))
        {
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var (activity, tooLarge) = await ReadActivityAsync(http.Request, settings.MaxActivityBytes, cancellationToken);
        if (tooLarge)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Problems.BadRequest("The body must be an activity with a type.");
        }

        if (settings.IsAuthenticated && await validator.ValidateAsync(authorization, activity, cancellationToken) is { } failure)
        {
            logger.LogWarning("Refused a {Type} activity from channel {Channel}: {Reason}", activity.Type, activity.ChannelId, failure);
            return TypedResults.Unauthorized();
        }

        if (!IsAddressed(activity, settings.IsAuthenticated))
        {
            return Problems.BadRequest(settings.IsAuthenticated
                ? "The activity needs an absolute http(s) serviceUrl and a conversation id."
                : "Without BotFramework:AppId the activity needs a loopback http(s) serviceUrl without query or fragment, and a conversation id.");
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            return Invoke(activity);
        }

        // Typing, reactions, the bot's own arrival…: acknowledged, nothing to answer, so nothing to store or queue.
        if (!ActivityProcessor.ActsOn(activity))
        {
            return TypedResults.Ok();
        }

        // One chatty conversation must not fill the queue every other conversation shares.
        if (activity.Type == ActivityTypes.Message && limits.Ask($"{activity.ChannelId}:{activity.Conversation!.Id}") is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Hosting.PublicLimits.RetryAfterSeconds(retryAfter);
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        // Stored before the channel hears 200: an instance that dies before answering leaves it for the next one.
        var entry = await inbox.AddAsync(activity, queue.Owner, queue.Lease, cancellationToken);
        if (!queue.TryEnqueue(entry))
        {
            await inbox.RemoveAsync(entry.Id, CancellationToken.None);
            logger.LogWarning("Activity queue full; refused a {Type} activity", activity.Type);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok();
    }

    /// <summary>
    /// Invokes need their answer in the response. The bot handles Azure Bot Service's health check; any other
    /// invoke is 501, as the SDK answers an invoke nobody handled. (The cards use Action.Submit, which arrives as a
    /// message, not an invoke.)
    /// </summary>
    private static Results<Ok, JsonHttpResult<JsonObject>, StatusCodeHttpResult, UnauthorizedHttpResult, ProblemHttpResult> Invoke(Activity invoke) =>
        string.Equals(invoke.Name, "healthCheck", StringComparison.Ordinal)
            ? TypedResults.Json(new JsonObject
            {
                ["healthResults"] = new JsonObject { ["success"] = true, ["messages"] = new JsonArray("Health check succeeded.") },
            })
            : TypedResults.StatusCode(StatusCodes.Status501NotImplemented);

    /// <summary>
    /// Where replies go. Authenticated, the serviceUrl is the token's own (the validator checked); unauthenticated, the
    /// caller chose it, so replies may only go to this machine, and the caller may not steer the path with <c>?</c> or <c>#</c>.
    /// </summary>
    private static bool IsAddressed(Activity activity, bool authenticated) =>
        Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
        && (serviceUrl.Scheme == Uri.UriSchemeHttps || serviceUrl.Scheme == Uri.UriSchemeHttp)
        && (authenticated || (serviceUrl.IsLoopback && serviceUrl.UserInfo.Length == 0
            && !activity.ServiceUrl!.Contains('?', StringComparison.Ordinal) && !activity.ServiceUrl.Contains('#', StringComparison.Ordinal)))
        && !string.IsNullOrEmpty(activity.Conversation?.Id);

    /// <summary>application/json (any charset parameter), or a +json type.</summary>
    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads at most <paramref name="limit"/> bytes; null activity when the body is not an activity JSON object.</summary>
    private static async Task<(Activity? Activity, bool TooLarge)> ReadActivityAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (await Hosting.RequestBodies.ReadCappedAsync(request, limit, cancellationToken) is not { } body)
        {
            return (null, true);
        }

        // Refused up front: unknown properties are kept as raw JSON, whose invalid UTF-8 would fail later (storing, replying).
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return (null, false);
        }

        try
        {
            return (JsonSerializer.Deserialize<Activity>(body.Span, ActivityJson.Options), false);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }
}
