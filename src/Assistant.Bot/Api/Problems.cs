using Microsoft.AspNetCore.Http.HttpResults;

namespace Assistant.Bot.Api;

/// <summary>problem+json responses with a plain message and never exception text.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>429 with Retry-After in whole seconds.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers.RetryAfter = Hosting.PublicLimits.RetryAfterSeconds(retryAfter);
        return TypedResults.Problem(detail: "Too many questions in this conversation; try again later.", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests");
    }
}
