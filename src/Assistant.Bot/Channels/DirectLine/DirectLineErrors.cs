using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>Direct Line's error body: <c>{"error":{"code","message"}}</c>. Messages are plain; never exception text.</summary>
public sealed record DirectLineError(DirectLineErrorDetail Error);

public sealed record DirectLineErrorDetail(string Code, string Message);

internal static class DirectLineErrors
{
    public static JsonHttpResult<DirectLineError> BadArgument(string message) => Error(400, "BadArgument", message);

    public static JsonHttpResult<DirectLineError> MissingProperty(string message) => Error(400, "MissingProperty", message);

    public static JsonHttpResult<DirectLineError> Unauthorized(string message) => Error(401, "Unauthorized", message);

    public static JsonHttpResult<DirectLineError> Forbidden(string message) => Error(403, "Forbidden", message);

    public static JsonHttpResult<DirectLineError> TokenExpired() => Error(403, "TokenExpired", "The token has expired.");

    public static JsonHttpResult<DirectLineError> NotFound(string message) => Error(404, "NotFound", message);

    public static JsonHttpResult<DirectLineError> TooLarge(int maxBytes) =>
        Error(413, "MessageSizeTooBig", $"The activity is larger than {maxBytes} bytes.");

    public static JsonHttpResult<DirectLineError> TooManyRequests(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers.RetryAfter = Hosting.PublicLimits.RetryAfterSeconds(retryAfter);
        return Error(429, "TooManyRequests", "Too many requests; try again later.");
    }

    public static JsonHttpResult<DirectLineError> ConversationFull(int max) =>
        Error(403, "ConversationFull", $"This conversation holds its maximum of {max} activities; start a new conversation.");

    public static JsonHttpResult<DirectLineError> BotError() => Error(502, "BotError", "The bot could not answer this message.");

    private static JsonHttpResult<DirectLineError> Error(int status, string code, string message) =>
        TypedResults.Json(new DirectLineError(new DirectLineErrorDetail(code, message)), DirectLineJson.Options, statusCode: status);
}
