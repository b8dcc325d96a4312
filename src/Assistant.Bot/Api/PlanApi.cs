using Assistant.Index;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Assistant.Bot.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Api;

public sealed record TaskResponse(string Ref, int Annex, string AnnexTitle, int Task, string Name, string Section, IReadOnlyList<AnswerMatch> Measures);

/// <summary>
/// A unit's duties: dated ones (in the from–to window when given) as lead and as co; open-ended ones (长期实施, 持续推进,
/// 按时间节点完成) apart, whatever the window, so none is dropped.
/// </summary>
public sealed record DutiesResponse(
    string Unit, string Kind, IReadOnlyList<string> Aliases, string? From, string? To, int? Annex,
    IReadOnlyList<DutyItem> Leads, IReadOnlyList<DutyItem> CoOperates, IReadOnlyList<DutyItem> OpenEnded);

/// <summary>
/// One duty: the measure, the unit's role (lead, co), how the row names it (basis: named, 各街道办事处, 相关街道办事处,
/// member of a group) and the deadline read into months of the plan year (dueMonth yyyy-MM; months of a period).
/// </summary>
public sealed record DutyItem(
    string MeasureRef, string Ref, int Annex, string TaskName, string Measure, string Deadline, string DeadlineKind,
    string? DueMonth, int? FirstMonth, int? LastMonth, string Role, string Basis, string BasisText, string NamedAs,
    IReadOnlyList<string> LeadUnits, IReadOnlyList<string> CoUnits, bool SplitInferred, string? Note)
{
    public static DutyItem From(Duty duty)
    {
        var m = duty.Measure;
        var months = m.Deadline.Months;
        return new DutyItem(m.Ref, m.TaskRef, m.Annex, m.TaskName, m.Text, m.Deadline.Text, m.Deadline.Kind.ToString(),
            m.Deadline.DueMonth is { } due ? PlanMonth.Format(due) : null, months?.First, months?.Last,
            duty.Role == DutyRole.Lead ? "lead" : "co", duty.Basis.ToString(), DutyRoster.Describe(duty.Basis), duty.NamedAs,
            m.LeadUnits, m.CoUnits, m.SplitInferred, m.StaffNote);
    }
}

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
        group.MapGet("/units/{name}/duties", GetDuties).WithName("GetUnitDuties")
            .WithSummary("What a unit leads and co-operates on (street offices: every 各街道办事处 row), by month (from, to: yyyy-MM) and annex.")
            .WithDescription("The unit by its name in the plan or an alias (园林局).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
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

    private static Results<Ok<DutiesResponse>, ProblemHttpResult> GetDuties(
        string name, LivePlan plan, string? from = null, string? to = null, int? annex = null)
    {
        var runtime = plan.Current;
        if (name.Length > MaxNameLength || DutyRoster.Find(runtime, name) is not { } subject)
        {
            return Problems.NotFound("No unit of that name in the plan.");
        }

        if (!PlanMonth.TryParse(from, out var first) || !PlanMonth.TryParse(to, out var last))
        {
            return Problems.BadRequest($"from and to are months of the plan year: {Deadline.PlanYear}-01 to {Deadline.PlanYear}-12.");
        }

        if (annex is { } a && runtime.Knowledge.Plan.Annexes.All(x => x.Number != a))
        {
            return Problems.BadRequest("annex must be one of the plan's annexes (1–5).");
        }

        var window = (First: first ?? 1, Last: last ?? 12);
        if (window.First > window.Last)
        {
            return Problems.BadRequest("from must not be after to.");
        }

        var duties = DutyRoster.DutiesOf(runtime.Knowledge, subject).Where(d => annex is null || d.Measure.Annex == annex).ToList();
        var dated = duties.Where(d => !d.Measure.Deadline.OpenEnded && d.Measure.Deadline.OverlapsMonths(window.First, window.Last)).ToList();
        return TypedResults.Ok(new DutiesResponse(subject.Name, subject.Kind.ToString(), subject.Aliases,
            first is null ? null : PlanMonth.Format(window.First), last is null ? null : PlanMonth.Format(window.Last), annex,
            dated.Where(d => d.Role == DutyRole.Lead).Select(DutyItem.From).ToList(),
            dated.Where(d => d.Role == DutyRole.Co).Select(DutyItem.From).ToList(),
            duties.Where(d => d.Measure.Deadline.OpenEnded).Select(DutyItem.From).ToList()));
    }

    private static Results<Ok<IReadOnlyList<SearchHit>>, ProblemHttpResult> Search(
        string? q, LivePlan plan, IOptions<AssistantOptions> options, int limit = 10)
    {
        var runtime = plan.Current;
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
