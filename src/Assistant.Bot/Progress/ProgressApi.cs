using System.Security.Claims;
using Assistant.Bot.Api;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Progress;

public sealed record SaveProgressRequest(
    string? Unit, string? Status, string? Progress, string? NextSteps, string? Problems, int? Revision, bool? Draft);

/// <summary>Who the caller is on the staff page: their unit, whether they coordinate, and the plan month it is now.</summary>
public sealed record StaffMe(string Name, string? Unit, bool IsCoordinator, bool IsAdmin, string Coordinator, string CurrentMonth, IReadOnlyList<string> Statuses);

/// <summary>
/// /api/progress: the monthly reports every unit sends the coordinating unit (按月报送). A lead unit of a measure (a street
/// office for 各街道办事处 rows) reports on it; the coordinator and admins read every unit's, others their own.
/// </summary>
public static class ProgressApi
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Progress")
            .RequireAuthorization(Policies.Staff)
            .RequireRateLimiting(PublicLimits.Policy);
        group.MapGet("/staff/me", Me).WithName("StaffMe").WithSummary("The caller's unit, role and the plan month it is now.");
        group.MapPut("/progress/{month}/{measureRef}", SaveAsync).WithName("SaveProgress")
            .WithSummary("Saves a unit's report on a measure for a month (a new revision; draft: true keeps it unsubmitted).");
        group.MapGet("/progress/{month}", GetMonthAsync).WithName("GetProgressMonth")
            .WithSummary("A month's reports, overdue measures and a line per unit; format=xlsx or csv for the compilation.")
            .Produces<ProgressMonth>(StatusCodes.Status200OK)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv");
        group.MapGet("/progress/{month}/{measureRef}/revisions", RevisionsAsync).WithName("GetProgressRevisions")
            .WithSummary("Every saved revision of one unit's report on a measure.");
        return routes;
    }

    private static StaffMe Me(ClaimsPrincipal user, StaffDirectory directory, TimeProvider clock)
    {
        var caller = directory.Of(user);
        return new StaffMe(caller.Name, caller.Unit, caller.IsCoordinator, caller.IsAdmin, directory.Coordinator,
            PlanMonth.Format(PlanMonth.Current(clock.GetUtcNow())), ProgressStatus.All);
    }

    private static async Task<Results<Ok<ProgressReport>, ProblemHttpResult>> SaveAsync(
        string month, string measureRef, SaveProgressRequest? request, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan,
        IProgressStore store, TimeProvider clock, IOptions<ProgressOptions> options, ILogger<ProgressBoard> logger, CancellationToken cancellationToken)
    {
        var runtime = plan.Current;
        // Input first: a bad request writes nothing and says what is wrong, whoever sends it.
        if (!PlanMonth.TryParse(month, out var monthNumber) || monthNumber is null)
        {
            return Problems.BadRequest($"month must be a month of the plan year: {Deadline.PlanYear}-01 to {Deadline.PlanYear}-12.");
        }

        if (monthNumber > PlanMonth.Current(clock.GetUtcNow()))
        {
            return Problems.BadRequest($"{month} has not begun: reports are for this month ({PlanMonth.Format(PlanMonth.Current(clock.GetUtcNow()))}) or earlier.");
        }

        if (runtime.Knowledge.FindMeasure(measureRef.Trim()) is not { } measure)
        {
            return Problems.NotFound("No measure with that reference (附件1-15-1).");
        }

        if (request is null || !ProgressStatus.IsKnown(request.Status))
        {
            return Problems.BadRequest($"status must be one of: {string.Join("、", ProgressStatus.All)}.");
        }

        var max = options.Value.MaxTextLength;
        var progress = request.Progress?.Trim();
        if (string.IsNullOrEmpty(progress))
        {
            return Problems.BadRequest("progress (进展情况) is required.");
        }

        if (progress.Length > max || request.NextSteps?.Length > max || request.Problems?.Length > max)
        {
            return Problems.BadRequest($"progress, nextSteps and problems are at most {max} characters each.");
        }

        if (request.Revision is < 0)
        {
            return Problems.BadRequest("revision is the revision you read: 0 for a first report.");
        }

        // Then who: staff write for their own unit; an admin for any unit, by naming it.
        var (caller, subject, refused) = directory.ActingFor(user, runtime, request.Unit, "report for");
        if (refused is not null)
        {
            return refused;
        }

        var unit = subject!.Name;
        if (DutyRoster.RoleIn(measure, subject) is not { Role: DutyRole.Lead })
        {
            return Problems.Forbidden($"{unit} is not a lead unit (主责单位) of {measure.Ref}: its lead units report on it.");
        }

        var entry = new ProgressEntry(PlanMonth.Format(monthNumber.Value), measure.Ref, unit, request.Status!, progress,
            Clean(request.NextSteps), Clean(request.Problems), Submitted: request.Draft != true);
        var (outcome, report) = await store.SaveAsync(entry, request.Revision, caller.Name, clock.GetUtcNow(), cancellationToken);
        if (outcome == ProgressSaveOutcome.Stale)
        {
            return Problems.Conflict($"The report was saved by someone else (now revision {report?.Revision ?? 0}); reload it and save again.");
        }

        logger.LogInformation("Progress {Month} {MeasureRef} {Unit}: revision {Revision}, {Status}{Draft}, by {Caller}",
            entry.Month, entry.MeasureRef, unit, report!.Revision, entry.Status, entry.Submitted ? "" : " (draft)", caller.Name);
        return TypedResults.Ok(report with { ReportedAt = report.ReportedAt.ToOffset(PlanMonth.UtcOffset) });
    }

    private static async Task<IResult> GetMonthAsync(
        string month, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, ProgressBoard board, TimeProvider clock,
        CancellationToken cancellationToken, string? unit = null, string? format = null)
    {
        var runtime = plan.Current;
        if (!PlanMonth.TryParse(month, out var monthNumber) || monthNumber is null)
        {
            return Problems.BadRequest($"month must be a month of the plan year: {Deadline.PlanYear}-01 to {Deadline.PlanYear}-12.");
        }

        if (format is not (null or "json" or "xlsx" or "csv"))
        {
            return Problems.BadRequest("format is json, xlsx or csv.");
        }

        string? scope = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            scope = DutyRoster.Find(runtime, unit)?.Name;
            if (scope is null)
            {
                return Problems.BadRequest("unit is not a unit of the plan.");
            }
        }

        var caller = directory.Of(user);
        scope ??= caller.ReadsAll ? null : caller.Unit;
        if (scope is null ? !caller.ReadsAll : !caller.MayRead(scope))
        {
            return Problems.Forbidden($"Only {directory.Coordinator} and admins read other units' reports.");
        }

        var view = await board.MonthAsync(monthNumber.Value, PlanMonth.Current(clock.GetUtcNow()), scope, directory.Coordinator, cancellationToken);
        var name = $"progress-{view.Month}{(scope is null ? "" : "-" + scope)}";
        return format switch
        {
            "xlsx" => TypedResults.File(ProgressWorkbook.Xlsx(runtime.Knowledge, board, view),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx"),
            "csv" => TypedResults.File(ProgressWorkbook.Csv(runtime.Knowledge, board, view), "text/csv; charset=utf-8", $"{name}.csv"),
            _ => TypedResults.Ok(view),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<ProgressReport>>, ProblemHttpResult>> RevisionsAsync(
        string month, string measureRef, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, IProgressStore store,
        CancellationToken cancellationToken, string? unit = null)
    {
        var runtime = plan.Current;
        if (!PlanMonth.TryParse(month, out var monthNumber) || monthNumber is null)
        {
            return Problems.BadRequest($"month must be a month of the plan year: {Deadline.PlanYear}-01 to {Deadline.PlanYear}-12.");
        }

        var caller = directory.Of(user);
        var scope = string.IsNullOrWhiteSpace(unit) ? caller.Unit : DutyRoster.Find(runtime, unit)?.Name;
        if (scope is null)
        {
            return Problems.BadRequest("unit is required (a unit of the plan).");
        }

        if (!caller.MayRead(scope))
        {
            return Problems.Forbidden($"Only {directory.Coordinator} and admins read other units' reports.");
        }

        return TypedResults.Ok(await store.RevisionsAsync(PlanMonth.Format(monthNumber.Value), measureRef.Trim(), scope, cancellationToken));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
