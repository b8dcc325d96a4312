using Assistant.Bot.Conversations;
using Assistant.Bot.Hosting;
using Assistant.Index.Answers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Api;

public sealed record AskRequest(string? Question, string? ConversationId);

public sealed record AskResponse(
    string Intent,
    string Answer,
    bool NoAnswer,
    IReadOnlyList<AnswerMatch> Matches,
    IReadOnlyList<Figure> Figures,
    bool SplitInferred,
    string ConversationId,
    string AnsweredBy)
{
    public static AskResponse From(ConversationReply reply) => new(
        reply.Answer.Intent.ToApi(), reply.Answer.Text, reply.Answer.NoAnswer, reply.Answer.Matches, reply.Answer.Figures,
        reply.Answer.SplitInferred, reply.ConversationId, reply.AnsweredBy);
}

public static class AskApi
{
    public static RouteGroupBuilder MapAskApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/ask").WithTags("Ask").RequireRateLimiting(Hosting.PublicLimits.Policy);
        group.MapPost("/", AskAsync)
            .WithName("Ask")
            .WithSummary("Answers a question about the plan: intent, answer text and the measures it rests on.");
        return group;
    }

    private static async Task<Results<Ok<AskResponse>, ProblemHttpResult>> AskAsync(
        AskRequest? request, ConversationService conversations, IOptions<AssistantOptions> options, CancellationToken cancellationToken)
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

        var reply = await conversations.AskAsync(request.ConversationId, question, cancellationToken);
        return TypedResults.Ok(AskResponse.From(reply));
    }
}
