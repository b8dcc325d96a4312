using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

public sealed record DirectLineTokenResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record DirectLineConversation(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string StreamUrl);

public sealed record ActivitySet(IReadOnlyList<JsonObject> Activities, string Watermark);

public sealed record ResourceResponse(string Id);

/// <summary>What every Direct Line handler needs, bound once per request.</summary>
internal readonly record struct DirectLineRequest(
    HttpContext Http,
    DirectLineAuthentication Auth,
    DirectLineTokens Tokens,
    IDirectLineStore Store,
    DirectLineLimits Limits,
    IOptions<DirectLineOptions> Options);

/// <summary>
/// Direct Line 3.0 under /v3/directline, self-hosted, for the official Web Chat and botframework-directlinejs:
/// tokens, conversations, activities (polling) and the WebSocket stream, as the team's bot-protocols.md §2 describes.
/// File upload (POST .../upload) is not offered: citizens send text only.
/// </summary>
public static class DirectLineApi
{
    private const int MaxConversationIdLength = 64;
    private const int MaxSmallBodyBytes = 4096;
    private const int MaxActivitiesPerPage = 500;
    private static readonly TimeSpan BotTimeout = TimeSpan.FromSeconds(20);

    public static RouteGroupBuilder MapDirectLine(this IEndpointRouteBuilder routes)
    {
        // Create the secret and signing key now, not on the first request, so the secret is there to hand out on start.
        routes.ServiceProvider.GetRequiredService<DirectLineKeys>();
        var group = routes.MapGroup("/v3/directline")
            .RequireCors(DirectLineServiceExtensions.CorsPolicy)
            .RequireRateLimiting(Hosting.PublicLimits.Policy)
            .WithTags("DirectLine")
            // The protocol's own error body, not problem+json: what Web Chat and directlinejs read.
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(DirectLineError), ["application/json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(DirectLineError), ["application/json"]));
        group.MapPost("/tokens/generate", GenerateTokenAsync).WithSummary("A token for a new conversation (secret only).").Produces<DirectLineTokenResponse>();
        group.MapPost("/tokens/refresh", RefreshToken).WithSummary("A fresh token for the same conversation.").Produces<DirectLineTokenResponse>();
        group.MapPost("/conversations", StartConversationAsync).WithSummary("Starts a conversation: token and streamUrl.").Produces<DirectLineConversation>(StatusCodes.Status201Created);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync).WithSummary("Reconnects: a fresh token and streamUrl.").Produces<DirectLineConversation>()
            .Produces<DirectLineError>(StatusCodes.Status404NotFound);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync).WithSummary("Activities after a watermark.").Produces<ActivitySet>()
            .Produces<DirectLineError>(StatusCodes.Status404NotFound);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync).WithSummary("Sends an activity to the bot.").Produces<ResourceResponse>()
            .Accepts<JsonObject>("application/json").Produces<DirectLineError>(StatusCodes.Status400BadRequest).Produces<DirectLineError>(StatusCodes.Status404NotFound);
        // A WebSocket: OpenAPI cannot describe it, and clients get its URL from POST /conversations.
        group.MapGet("/conversations/{conversationId}/stream", DirectLineStream.AcceptAsync).WithSummary("The conversation's WebSocket.").ExcludeFromDescription();
        return group;
    }

    private static async Task<Results<JsonHttpResult<DirectLineTokenResponse>, JsonHttpResult<DirectLineError>>> GenerateTokenAsync(
        [AsParameters] DirectLineRequest dl, CancellationToken cancellationToken)
    {
        var (caller, error) = dl.Auth.Authenticate(dl.Http.Request);
        if (caller is null)
        {
            return error!;
        }

        if (!caller.IsSecret)
        {
            return DirectLineErrors.Forbidden("tokens/generate needs the secret.");
        }

        var (body, bodyError) = await ReadObjectAsync(dl.Http.Request, MaxSmallBodyBytes, cancellationToken);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var (userId, userError) = ReadUserId(body);
        if (userError is not null)
        {
            return userError;
        }

        var conversationId = DirectLineTokens.NewConversationId();
        return Json(new DirectLineTokenResponse(conversationId, dl.Tokens.Issue(conversationId, userId), (int)dl.Tokens.Lifetime.TotalSeconds));
    }

    private static Results<JsonHttpResult<DirectLineTokenResponse>, JsonHttpResult<DirectLineError>> RefreshToken([AsParameters] DirectLineRequest dl)
    {
        var (caller, error) = dl.Auth.Authenticate(dl.Http.Request);
        if (caller is null)
        {
            return error!;
        }

        if (caller.Token is not { } token)
        {
            return DirectLineErrors.Forbidden("tokens/refresh needs a token, not the secret.");
        }

        return Json(new DirectLineTokenResponse(token.ConversationId, dl.Tokens.Issue(token.ConversationId, token.UserId),
            (int)dl.Tokens.Lifetime.TotalSeconds));
    }

    private static async Task<Results<JsonHttpResult<DirectLineConversation>, JsonHttpResult<DirectLineError>>> StartConversationAsync(
        [AsParameters] DirectLineRequest dl, CancellationToken cancellationToken)
    {
        var (caller, error) = dl.Auth.Authenticate(dl.Http.Request);
        if (caller is null)
        {
            return error!;
        }

        var (body, bodyError) = await ReadObjectAsync(dl.Http.Request, MaxSmallBodyBytes, cancellationToken);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (caller.Token is { } token)
        {
            // The token names its conversation; starting it again is not an error, it answers 200 instead of 201.
            var started = await dl.Store.StartAsync(token.ConversationId, token.UserId, cancellationToken);
            var conversation = new DirectLineConversation(token.ConversationId, token.Value, dl.Tokens.SecondsLeft(token),
                StreamUrl(dl, token.ConversationId, token.UserId, watermark: null));
            return Json(conversation, started ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }

        // The secret starts a new conversation on every call, for the user the body names.
        var (userId, userError) = ReadUserId(body);
        if (userError is not null)
        {
            return userError;
        }

        var conversationId = DirectLineTokens.NewConversationId();
        await dl.Store.StartAsync(conversationId, userId, cancellationToken);
        return Json(new DirectLineConversation(conversationId, dl.Tokens.Issue(conversationId, userId), (int)dl.Tokens.Lifetime.TotalSeconds,
            StreamUrl(dl, conversationId, userId, watermark: null)), StatusCodes.Status201Created);
    }

    private static async Task<Results<JsonHttpResult<DirectLineConversation>, JsonHttpResult<DirectLineError>>> ReconnectAsync(
        string conversationId, string? watermark, [AsParameters] DirectLineRequest dl, CancellationToken cancellationToken)
    {
        var (caller, error) = await OpenConversationAsync(dl, conversationId, cancellationToken);
        if (caller is null)
        {
            return error!;
        }

        if (!TryParseWatermark(watermark, out var after))
        {
            return DirectLineErrors.BadArgument("watermark is not valid.");
        }

        var userId = caller.Token?.UserId;
        return Json(new DirectLineConversation(conversationId, dl.Tokens.Issue(conversationId, userId), (int)dl.Tokens.Lifetime.TotalSeconds,
            StreamUrl(dl, conversationId, userId, after)));
    }

    private static async Task<Results<JsonHttpResult<ActivitySet>, JsonHttpResult<DirectLineError>>> GetActivitiesAsync(
        string conversationId, string? watermark, [AsParameters] DirectLineRequest dl, CancellationToken cancellationToken)
    {
        var (caller, error) = await OpenConversationAsync(dl, conversationId, cancellationToken);
        if (caller is null)
        {
            return error!;
        }

        if (!TryParseWatermark(watermark, out var after))
        {
            return DirectLineErrors.BadArgument("watermark is not valid.");
        }

        var page = await dl.Store.ReadAsync(conversationId, after, MaxActivitiesPerPage, cancellationToken);
        return Json(new ActivitySet(page.Activities, page.Watermark.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<Results<JsonHttpResult<ResourceResponse>, NoContent, JsonHttpResult<DirectLineError>>> PostActivityAsync(
        string conversationId, [AsParameters] DirectLineRequest dl, ConversationFeed feed, DirectLineBot bot,
        ILogger<DirectLineBot> logger, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (caller, error) = await OpenConversationAsync(dl, conversationId, cancellationToken);
        if (caller is null)
        {
            return error!;
        }

        if (dl.Limits.PostMessage(conversationId) is { } retryAfter)
        {
            return DirectLineErrors.TooManyRequests(dl.Http.Response, retryAfter);
        }

        var options = dl.Options.Value;
        var (activity, bodyError) = await ReadObjectAsync(dl.Http.Request, options.MaxActivityBytes, cancellationToken);
        if (bodyError is not null)
        {
            return bodyError;
        }

        if (activity?["type"] is not JsonValue typeValue || !typeValue.TryGetValue<string>(out var type) || type.Length == 0)
        {
            return DirectLineErrors.MissingProperty("The activity needs a type.");
        }

        if (type == "typing")
        {
            // Nobody else is in the conversation to see it.
            return TypedResults.NoContent();
        }

        // A token is a citizen's (the widget's, or one a site's server got for its visitor): only messages, only text.
        if (!caller.IsSecret && type != "message")
        {
            return DirectLineErrors.BadArgument("Only message activities are accepted.");
        }

        var (from, fromError) = Sender(activity, caller);
        if (fromError is not null)
        {
            return fromError;
        }

        if (type == "message")
        {
            if (activity["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text) || text.Trim().Length == 0)
            {
                return DirectLineErrors.MissingProperty("A message needs text.");
            }

            if (text.Length > options.MaxMessageLength)
            {
                return DirectLineErrors.BadArgument($"The message is longer than {options.MaxMessageLength} characters.");
            }

            if (activity["attachments"] is JsonArray { Count: > 0 })
            {
                return DirectLineErrors.BadArgument("Attachments are not accepted.");
            }
        }

        if (!caller.IsSecret)
        {
            // What is stored from a citizen is the message and what Web Chat needs to match its echo; nothing else they send is kept.
            activity = CitizenMessage(activity);
        }

        if (await dl.Store.CountAsync(conversationId, cancellationToken) >= options.MaxActivitiesPerConversation)
        {
            return DirectLineErrors.ConversationFull(options.MaxActivitiesPerConversation);
        }

        // The server, not the client, says who sent it, where, and when.
        activity["from"] = from;
        activity["recipient"] = bot.Account;
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        activity["channelId"] = "directline";
        activity["timestamp"] = clock.GetUtcNow().ToString("O");
        activity.Remove("serviceUrl");

        // The echo: Web Chat marks the message sent when it comes back with an id and its channelData.clientActivityID.
        var id = await dl.Store.AppendAsync(conversationId, activity, cancellationToken);
        feed.Publish(conversationId);
        if (type != "message")
        {
            return Json(new ResourceResponse(id));
        }

        JsonObject reply;
        try
        {
            // Not the request's token: a client that hangs up still finds the answer in the conversation later.
            using var timeout = new CancellationTokenSource(BotTimeout);
            reply = await bot.ReplyAsync(conversationId, activity, timeout.Token);
        }
        catch (Exception e)
        {
            logger.LogError(e, "The bot failed to answer activity {ActivityId}", id);
            return DirectLineErrors.BotError();
        }

        await dl.Store.AppendAsync(conversationId, reply, CancellationToken.None);
        feed.Publish(conversationId);
        return Json(new ResourceResponse(id));
    }

    /// <summary>
    /// Authenticates a call on one conversation and makes sure it exists. A valid token is proof its conversation was
    /// issued, so that conversation starts on first use; the secret can only open conversations that exist.
    /// </summary>
    private static async Task<(DirectLineCaller? Caller, JsonHttpResult<DirectLineError>? Error)> OpenConversationAsync(
        DirectLineRequest dl, string conversationId, CancellationToken cancellationToken)
    {
        if (conversationId.Length > MaxConversationIdLength)
        {
            return (null, DirectLineErrors.NotFound("No such conversation."));
        }

        var (caller, error) = dl.Auth.Authenticate(dl.Http.Request, conversationId);
        if (caller is null)
        {
            return (null, error);
        }

        if (!await dl.Store.ExistsAsync(conversationId, cancellationToken))
        {
            if (caller.Token is null)
            {
                return (null, DirectLineErrors.NotFound("No such conversation."));
            }

            await dl.Store.StartAsync(conversationId, caller.Token.UserId, cancellationToken);
        }

        return (caller, null);
    }

    /// <summary>A citizen's message as stored: type, text, locale, textFormat and channelData.clientActivityID, when they are short strings.</summary>
    private static JsonObject CitizenMessage(JsonObject activity)
    {
        var kept = new JsonObject { ["type"] = "message", ["text"] = activity["text"]!.GetValue<string>() };
        if (ShortString(activity["locale"], 35) is { } locale)
        {
            kept["locale"] = locale;
        }

        if (ShortString(activity["textFormat"], 10) is { } format)
        {
            kept["textFormat"] = format;
        }

        if (ShortString((activity["channelData"] as JsonObject)?["clientActivityID"], 100) is { } clientActivityId)
        {
            kept["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId };
        }

        return kept;
    }

    private static string? ShortString(JsonNode? node, int maxLength) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length <= maxLength ? text : null;

    /// <summary>The sender as the server vouches for it: a token's user when it names one, else the client's <c>from.id</c>.</summary>
    private static (JsonObject? From, JsonHttpResult<DirectLineError>? Error) Sender(JsonObject activity, DirectLineCaller caller)
    {
        var claimed = activity["from"] as JsonObject;
        var claimedId = claimed?["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var name = claimed?["name"] is JsonValue n && n.TryGetValue<string>(out var nameText) && nameText.Length <= 100 ? nameText : null;
        string id;
        if (caller.Token?.UserId is { } tokenUser)
        {
            id = tokenUser;
        }
        else if (string.IsNullOrWhiteSpace(claimedId))
        {
            return (null, DirectLineErrors.MissingProperty("The activity needs from.id."));
        }
        else if (claimedId.Length > 64 || (!caller.IsSecret && claimedId.StartsWith("dl_", StringComparison.Ordinal)))
        {
            // "dl_" ids are reserved for users a token vouches for; a browser cannot claim one.
            return (null, DirectLineErrors.BadArgument("from.id is not valid."));
        }
        else
        {
            id = claimedId;
        }

        var from = new JsonObject { ["id"] = id, ["role"] = "user" };
        if (name is not null)
        {
            from["name"] = name;
        }

        return (from, null);
    }

    private static (string? UserId, JsonHttpResult<DirectLineError>? Error) ReadUserId(JsonObject? body)
    {
        if (body?["user"] is not JsonObject user || user["id"] is not JsonNode idNode)
        {
            return (null, null);
        }

        if (idNode is not JsonValue value || !value.TryGetValue<string>(out var id) || id.Length is 0 or > 64 || id.Any(char.IsControl))
        {
            return (null, DirectLineErrors.BadArgument("user.id must be a string of 1 to 64 characters."));
        }

        return (id, null);
    }

    /// <summary>Reads a JSON object body of at most <paramref name="maxBytes"/>; an empty body is null.</summary>
    private static async Task<(JsonObject? Body, JsonHttpResult<DirectLineError>? Error)> ReadObjectAsync(
        HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (await Hosting.RequestBodies.ReadCappedAsync(request, maxBytes, cancellationToken) is not { } bytes)
        {
            return (null, DirectLineErrors.TooLarge(maxBytes));
        }

        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }

        // JsonNode parses lazily: invalid UTF-8 in a property name would only throw when that property is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            return (null, DirectLineErrors.BadArgument("The body is not valid UTF-8."));
        }

        try
        {
            // Duplicate keys are refused here: JsonObject would otherwise throw on first access, deep in a handler.
            return JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) is JsonObject body
                ? (body, null)
                : (null, DirectLineErrors.BadArgument("The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.BadArgument("The body is not valid JSON."));
        }
    }

    internal static bool TryParseWatermark(string? watermark, out long after)
    {
        after = 0;
        return string.IsNullOrEmpty(watermark) || (long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out after) && after >= 0);
    }

    private static string StreamUrl(DirectLineRequest dl, string conversationId, string? userId, long? watermark)
    {
        var request = dl.Http.Request;
        var scheme = request.IsHttps ? "wss" : "ws";
        var token = dl.Tokens.Issue(conversationId, userId, TokenUse.Stream);
        var query = watermark is { } w ? $"watermark={w.ToString(CultureInfo.InvariantCulture)}&" : "";
        return $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?{query}t={token}";
    }

    private static JsonHttpResult<T> Json<T>(T value, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, DirectLineJson.Options, statusCode: status);
}
