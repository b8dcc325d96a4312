using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Assistant.Index.Answers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Api;

public sealed record AskRequest(string? Question, string? ConversationId);

public sealed record AskResponse(
    string Intent,
    string Answer,
    bool NoAnswer,
    string? Confidence,
    IReadOnlyList<AnswerMatch> Matches,
    IReadOnlyList<Figure> Figures,
    bool SplitInferred,
    string ConversationId,
    string AnsweredBy)
{
    public static AskResponse From(ConversationReply reply) => new(
        reply.Answer.Intent.ToApi(), reply.Answer.Text, reply.Answer.NoAnswer, ConfidenceName(reply.Answer.Confidence), reply.Answer.Matches, reply.Answer.Figures,
        reply.Answer.SplitInferred, reply.ConversationId, reply.AnsweredBy);

    /// <summary>"high": the plan answers it; "low": the closest the plan comes (the text says so); null with no answer.</summary>
    public static string? ConfidenceName(Index.Understanding.Confidence? confidence) => confidence switch
    {
        Index.Understanding.Confidence.High => "high",
        Index.Understanding.Confidence.Low => "low",
        _ => null,
    };
}

public static class AskApi
{
    /// <summary>What the API's conversation ids are stored under (Direct Line uses "directline/", Teams "{channelId}:").</summary>
    internal const string ConversationNamespace = "api/";

    public static RouteGroupBuilder MapAskApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ask").WithTags("Ask").RequireRateLimiting(Hosting.PublicLimits.Policy);
        var maxBody = routes.ServiceProvider.GetRequiredService<IOptions<PublicLimitsOptions>>().Value.MaxAskBodyBytes;
        group.MapPost("/", AskAsync)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBody))
            .WithName("Ask")
            .WithSummary("Answers a question about the plan: intent, answer text and the measures it rests on.")
            .WithDescription("Follow-ups with the same conversationId (\"那协办单位呢？\") resolve against the previous answer. " +
                             "An empty or over-long question is 400; too many questions in one conversation is 429.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    private static async Task<Results<Ok<AskResponse>, ProblemHttpResult>> AskAsync(
        AskRequest? request, HttpContext http, ConversationService conversations, ConversationLimits limits, IOptions<AssistantOptions> options,
        CancellationToken cancellationToken)
    {
        var question = request?.Question?.Trim();
        if (string.IsNullOrEmpty(question))
        {
            return Problems.BadRequest("question is required.");
        }

        if (question.Length > options.Value.MaxQuestionLength)
        {
            return Problems.BadRequest($"question is longer than {options.Value.MaxQuestionLength} characters.");
        }

        if (request!.ConversationId is { Length: > 100 })
        {
            return Problems.BadRequest("conversationId is longer than 100 characters.");
        }

        // Anonymous clients only: clients holding a role have their own generous limit.
        if (request.ConversationId is { Length: > 0 } conversationId && AuthSchemes.RoleOf(http.User) == Roles.Citizen
            && limits.Ask("api/" + conversationId) is { } retryAfter)
        {
            return Problems.TooManyRequests(http.Response, retryAfter);
        }

        // The API's conversations live in a namespace of their own: "directline/…" or "msteams:…" sent here is just an API
        // conversation id, and never resumes (or reads the context of) another channel's conversation.
        var id = string.IsNullOrWhiteSpace(request.ConversationId) ? Guid.CreateVersion7().ToString("n") : request.ConversationId;
        var reply = await conversations.AskAsync(ConversationNamespace + id, question, cancellationToken);
        return TypedResults.Ok(AskResponse.From(reply) with { ConversationId = id });
    }
}
