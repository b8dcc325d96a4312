using Assistant.Index;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Assistant.Bot.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Api;

public sealed record TaskResponse(string Ref, int Annex, string AnnexTitle, int Task, string Name, string Section, IReadOnlyList<AnswerMatch> Measures);

public sealed record DutiesResponse(string Unit, string Kind, IReadOnlyList<string> Aliases, IReadOnlyList<AnswerMatch> Leads, IReadOnlyList<AnswerMatch> CoOperates);

public sealed record SearchHit(AnswerMatch Match, double Coverage, float Score);

/// <summary>
/// Read-only lookups for integrations: a task by reference, a unit's duties, free-text search. Public like the plan itself
/// (a published document, whose duties /api/ask states to anyone); staff keys only lift the anonymous rate limit.
/// </summary>
public static class PlanApi
{
    public static RouteGroupBuilder MapPlanApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Plan").RequireRateLimiting(PublicLimits.Policy);
        group.MapGet("/tasks/{reference}", GetTask).WithName("GetTask").WithSummary("A task (附件1-15) or a measure (附件1-15-1).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/units/{name}/duties", GetDuties).WithName("GetUnitDuties").WithSummary("What a unit leads and co-operates on.")
            .WithDescription("The unit by its name in the plan or an alias (园林局).").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/search", Search).WithName("Search").WithSummary("Measures ranked for free text.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    private const int MaxNameLength = 100;

    private static Results<Ok<TaskResponse>, ProblemHttpResult> GetTask(string reference, KnowledgeBase knowledge)
    {
        if (reference.Length > MaxNameLength)
        {
            return Problems.BadRequest("reference must look like 附件1-15 or 附件1-15-1.");
        }

        if (!References.TryParse(reference, out var annex, out var number, out var measure))
        {
            return Problems.BadRequest("reference must look like 附件1-15 or 附件1-15-1.");
        }

        var task = knowledge.FindTask(annex, number);
        if (task is null)
        {
            return Problems.NotFound($"附件{annex} has no task {number}.");
        }

        var measures = task.Measures.Where(m => measure is null || m.Number == measure).Select(m => AnswerMatch.From(m)).ToList();
        if (measures.Count == 0)
        {
            return Problems.NotFound($"{task.Ref} has no measure {measure}.");
        }

        var annexTitle = knowledge.Plan.Annexes.First(a => a.Number == annex).Title;
        return TypedResults.Ok(new TaskResponse(task.Ref, annex, annexTitle, task.Number, task.Name, task.Section, measures));
    }

    private static Results<Ok<DutiesResponse>, ProblemHttpResult> GetDuties(string name, PlanRuntime runtime)
    {
        if (name.Length > MaxNameLength)
        {
            return Problems.NotFound("No unit of that name in the plan.");
        }

        var unit = runtime.FindUnit(name);
        if (unit is null)
        {
            return Problems.NotFound("No unit of that name in the plan.");
        }

        return TypedResults.Ok(new DutiesResponse(unit.Name, unit.Kind.ToString(), unit.Aliases,
            runtime.Knowledge.LedBy(unit.Name).Select(m => AnswerMatch.From(m, "lead")).ToList(),
            runtime.Knowledge.CoOperatedBy(unit.Name).Select(m => AnswerMatch.From(m, "co")).ToList()));
    }

    private static Results<Ok<IReadOnlyList<SearchHit>>, ProblemHttpResult> Search(
        string? q, PlanRuntime runtime, IOptions<AssistantOptions> options, int limit = 10)
    {
        var max = options.Value.MaxQuestionLength;
        if (string.IsNullOrWhiteSpace(q) || q.Length > max)
        {
            return Problems.BadRequest($"q is required, at most {max} characters.");
        }

        var hits = runtime.Answers.FindMeasures(q, max: Math.Clamp(limit, 1, 50))
            .Select(h => new SearchHit(AnswerMatch.From(h.Measure), Math.Round(h.Coverage, 3), h.Score))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<SearchHit>>(hits);
    }
}
