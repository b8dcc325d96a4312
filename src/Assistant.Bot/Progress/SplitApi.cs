using System.Security.Claims;
using Assistant.Bot.Api;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Assistant.Index;
using Assistant.Index.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Progress;

/// <summary>A unit's proposal: its role on the row (lead or co) and the official document that says so.</summary>
public sealed record ProposeSplitRequest(string? Unit, string? Role, string? Citation, string? Comment);

/// <summary>The coordinator's decision: a reason is required to reject.</summary>
public sealed record DecideSplitRequest(string? Reason);

/// <summary>A row whose lead/co split the curators inferred, as the unit sees it: its role there and why it was read so.</summary>
public sealed record InferredRow(
    string MeasureRef, string TaskName, string Measure, string Deadline, IReadOnlyList<string> LeadUnits, IReadOnlyList<string> CoUnits,
    string NamedAs, string Role, string? Note);

/// <summary>
/// The split page's data: the caller's unit's inferred rows, and the proposals it may see (its own; the coordinator and
/// admins every one, pending first).
/// </summary>
public sealed record SplitsView(string? Unit, bool Decides, string Coordinator, IReadOnlyList<InferredRow> Rows, IReadOnlyList<SplitProposal> Proposals);

/// <summary>
/// /api/splits: settling the rows whose lead/co split is inferred (splitInferred). A unit on the row confirms or corrects its
/// role citing the official document; the coordinating unit (or an admin) approves or rejects. An approval changes the
/// plan the server answers from at once (LivePlan), and is kept with who and when.
/// </summary>
public static class SplitApi
{
    private const int MaxCitationLength = 500;

    public static IEndpointRouteBuilder MapSplitApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/splits").WithTags("Progress")
            .RequireAuthorization(Policies.Staff)
            .RequireRateLimiting(PublicLimits.Policy);
        group.MapGet("", ListAsync).WithName("GetSplits")
            .WithSummary("The caller's unit's rows whose lead/co split is inferred, and the split proposals it may see (the coordinator: all).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{measureRef}", ProposeAsync).WithName("ProposeSplit")
            .WithSummary("Proposes the caller's unit's role (lead or co) on an inferred row, citing the official document; the coordinator decides.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/approve", (long id, DecideSplitRequest? request, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan,
                ISplitStore store, TimeProvider clock, ILogger<SplitProposal> logger, CancellationToken cancellationToken) =>
                DecideAsync(id, approve: true, request, user, directory, plan, store, clock, logger, cancellationToken))
            .WithName("ApproveSplit")
            .WithSummary("Approves a pending split proposal (coordinator or admin): the plan's answers change at once.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/reject", (long id, DecideSplitRequest? request, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan,
                ISplitStore store, TimeProvider clock, ILogger<SplitProposal> logger, CancellationToken cancellationToken) =>
                DecideAsync(id, approve: false, request, user, directory, plan, store, clock, logger, cancellationToken))
            .WithName("RejectSplit")
            .WithSummary("Rejects a pending split proposal with a reason (coordinator or admin).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    /// <summary>The subject's inferred rows: where the row names it (or 各街道办事处 / 相关街道办事处 for a street office).</summary>
    public static IReadOnlyList<InferredRow> InferredRows(KnowledgeBase knowledge, DutySubject subject) =>
        DutyRoster.DutiesOf(knowledge, subject)
            .Where(d => d.Measure.SplitInferred && d.Basis != DutyBasis.GroupMember)
            .Select(d => new InferredRow(d.Measure.Ref, d.Measure.TaskName, d.Measure.Text, d.Measure.Deadline.Text, d.Measure.LeadUnits,
                d.Measure.CoUnits, d.NamedAs, SplitRoles.Format(d.Role), d.Measure.StaffNote))
            .ToList();

    private static async Task<Results<Ok<SplitsView>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, ISplitStore store, CancellationToken cancellationToken, string? unit = null)
    {
        var runtime = plan.Current;
        var caller = directory.Of(user);
        var scope = caller.Unit;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            scope = DutyRoster.Find(runtime, unit)?.Name;
            if (scope is null)
            {
                return Problems.BadRequest("unit is not a unit of the plan.");
            }

            if (!caller.MayRead(scope))
            {
                return Problems.Forbidden($"Only {directory.Coordinator} and admins read other units' rows.");
            }
        }

        var rows = scope is null ? [] : InferredRows(runtime.Knowledge, DutyRoster.Find(runtime, scope)!);
        var proposals = await store.ListAsync(caller.ReadsAll ? null : scope ?? "", cancellationToken);
        return TypedResults.Ok(new SplitsView(scope, caller.ReadsAll, directory.Coordinator, rows, proposals
            .OrderBy(p => p.Status == SplitProposal.Pending ? 0 : 1).ThenByDescending(p => p.Id)
            .Select(p => Beijing(p) with { CurrentRole = CurrentRole(runtime.Knowledge, p) })
            .ToList()));
    }

    private static async Task<Results<Created<SplitProposal>, ProblemHttpResult>> ProposeAsync(
        string measureRef, ProposeSplitRequest? request, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, ISplitStore store,
        TimeProvider clock, IOptions<ProgressOptions> options, ILogger<SplitProposal> logger, CancellationToken cancellationToken)
    {
        var runtime = plan.Current;
        // Input first: a bad request writes nothing and says what is wrong, whoever sends it.
        if (runtime.Knowledge.FindMeasure(measureRef.Trim()) is not { } measure)
        {
            return Problems.NotFound("No measure with that reference (附件1-3-2).");
        }

        if (SplitRoles.Parse(request?.Role) is not { } role)
        {
            return Problems.BadRequest("role is lead (主责单位) or co (协办单位).");
        }

        var citation = request!.Citation?.Trim();
        if (string.IsNullOrEmpty(citation) || citation.Length > MaxCitationLength)
        {
            return Problems.BadRequest($"citation is required: the official document that gives the role (文号、页码), at most {MaxCitationLength} characters.");
        }

        if (request.Comment?.Length > options.Value.MaxTextLength)
        {
            return Problems.BadRequest($"comment is at most {options.Value.MaxTextLength} characters.");
        }

        // Then who: staff speak for their own unit; an admin for any unit, by naming it.
        var (caller, subject, refused) = directory.ActingFor(user, runtime, request.Unit, "speak for");
        if (refused is not null)
        {
            return refused;
        }

        var unit = subject!.Name;
        if (DutyRoster.RoleIn(measure, subject) is not { Basis: not DutyBasis.GroupMember } duty)
        {
            return Problems.Forbidden($"{unit} is not on {measure.Ref}: only a unit the row names proposes its role there.");
        }

        if (!measure.SplitInferred)
        {
            return Problems.Conflict($"{measure.Ref}'s lead/co split is not inferred (or has been settled): there is nothing to propose.");
        }

        if (SplitCorrections.Problem(measure, duty.NamedAs, role) is { } problem)
        {
            return Problems.BadRequest(problem);
        }

        var proposal = await store.ProposeAsync(
            new SplitProposalEntry(measure.Ref, duty.NamedAs, unit, role, citation, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim()),
            caller.Name, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Split proposal {Id}: {MeasureRef} {NamedAs} as {Role} for {Unit}, by {Caller}",
            proposal.Id, proposal.MeasureRef, proposal.NamedAs, proposal.Role, unit, caller.Name);
        return TypedResults.Created((string?)null, Beijing(proposal));
    }

    private static async Task<Results<Ok<SplitProposal>, ProblemHttpResult>> DecideAsync(
        long id, bool approve, DecideSplitRequest? request, ClaimsPrincipal user, StaffDirectory directory, LivePlan plan, ISplitStore store,
        TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        var reason = request?.Reason?.Trim();
        if (!approve && string.IsNullOrEmpty(reason))
        {
            return Problems.BadRequest("reason is required to reject: the unit reads why.");
        }

        if (reason?.Length > MaxCitationLength)
        {
            return Problems.BadRequest($"reason is at most {MaxCitationLength} characters.");
        }

        var caller = directory.Of(user);
        if (!caller.ReadsAll)
        {
            return Problems.Forbidden($"Only {directory.Coordinator} and admins decide split proposals.");
        }

        if (await store.GetAsync(id, cancellationToken) is not { } pending)
        {
            return Problems.NotFound("No split proposal with that id.");
        }

        // An approval must still fit the plan as it stands (another approval may have moved the row since).
        if (approve && pending.Status == SplitProposal.Pending
            && (plan.Current.Knowledge.FindMeasure(pending.MeasureRef) is not { } measure
                || SplitCorrections.Problem(measure, pending.NamedAs, SplitRoles.Parse(pending.Role)!.Value) is not null))
        {
            return Problems.Conflict($"Proposal {id} no longer fits {pending.MeasureRef} as the plan stands now; reject it with a reason.");
        }

        var (outcome, decided) = await store.DecideAsync(id, approve, caller.Name, reason, clock.GetUtcNow(), cancellationToken);
        if (outcome != SplitDecisionOutcome.Decided)
        {
            return outcome == SplitDecisionOutcome.NotFound
                ? Problems.NotFound("No split proposal with that id.")
                : Problems.Conflict($"Proposal {id} was already {decided!.Status} by {decided.DecidedBy}.");
        }

        logger.LogInformation("Split proposal {Id} {Status} by {Caller}", id, decided!.Status, caller.Name);
        if (approve)
        {
            // Rebuilt off the request path of everyone else (they answer from the previous plan until the swap); this
            // request waits, so its caller's next question already gets the settled row.
            try
            {
                var runtime = await plan.ReloadAsync(CancellationToken.None);
                logger.LogInformation("Plan rebuilt with {Count} approved split corrections in {Ms} ms", runtime.Corrections.Count, (int)runtime.LoadTime.TotalMilliseconds);
            }
            catch (Exception e)
            {
                // The decision is stored either way; the periodic check (SplitRefresh) or the next start applies it.
                logger.LogError(e, "Split proposal {Id} is approved, but the plan could not be rebuilt now", id);
            }
        }

        return TypedResults.Ok(Beijing(decided));
    }

    /// <summary>The role the plan gives the proposal's name on its row now (lead, co), or null when the row no longer names it.</summary>
    private static string? CurrentRole(KnowledgeBase knowledge, SplitProposal p) =>
        knowledge.FindMeasure(p.MeasureRef) is not { } m ? null
        : m.LeadUnits.Contains(p.NamedAs) ? "lead"
        : m.CoUnits.Contains(p.NamedAs) ? "co"
        : null;

    /// <summary>Times as staff read them, in Beijing time.</summary>
    private static SplitProposal Beijing(SplitProposal p) =>
        p with { ProposedAt = p.ProposedAt.ToOffset(PlanMonth.UtcOffset), DecidedAt = p.DecidedAt?.ToOffset(PlanMonth.UtcOffset) };
}
