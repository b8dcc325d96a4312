using System.Globalization;
using Assistant.Bot.Api;
using Assistant.Bot.Hosting;
using Assistant.Bot.Security;
using Assistant.Index.Hotline;
using Assistant.Index.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Hotline;

public sealed record CreateDraftRequest(string? Complaint, DateTimeOffset? ReceivedAt);

public sealed record SaveDraftRequest(string? Draft, string? Status, int? Revision);

/// <summary>
/// /api/hotline: complaint → triage and reply draft, the operator's edits, the list and the month's figures. Complaint
/// texts and drafts are for operators only; the month's figures (counts, no text) for staff too.
/// </summary>
public static class HotlineApi
{
    public static RouteGroupBuilder MapHotlineApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/hotline").WithTags("Hotline")
            .RequireAuthorization(Policies.Staff)
            .RequireRateLimiting(PublicLimits.Policy);
        var drafts = group.MapGroup("/drafts").RequireAuthorization(Policies.Operator);
        drafts.MapPost("/", CreateAsync)
            .WithName("CreateHotlineDraft")
            .WithSummary("Triages a complaint (category, street, measures, units) and drafts the reply and the dispatch note.");
        drafts.MapGet("/{id}", GetAsync).WithName("GetHotlineDraft").WithSummary("A draft with every saved revision.");
        drafts.MapPut("/{id}", SaveAsync)
            .WithName("SaveHotlineDraft")
            .WithSummary("Saves the operator's text and status (draft → edited → sent) as a new revision.");
        drafts.MapGet("/", ListAsync).WithName("ListHotlineDrafts").WithSummary("Recent drafts, newest first, by street, category, date, status.");
        group.MapGet("/stats", StatsAsync).WithName("HotlineStats").WithSummary("A month's complaints by category × street (每月一题).");
        return group;
    }

    private static async Task<Results<Created<HotlineDraft>, ProblemHttpResult>> CreateAsync(
        CreateDraftRequest? request, HotlineDesk desk, IOptions<HotlineOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var complaint = request?.Complaint?.Trim();
        if (string.IsNullOrEmpty(complaint))
        {
            return Problems.BadRequest("complaint is required.");
        }

        if (complaint.Length > options.Value.MaxComplaintLength)
        {
            return Problems.BadRequest($"complaint is longer than {options.Value.MaxComplaintLength} characters.");
        }

        if (request!.ReceivedAt is { } received && (received > clock.GetUtcNow().AddMinutes(5) || received.Year < 2000))
        {
            return Problems.BadRequest("receivedAt must be a past time (ISO 8601).");
        }

        var draft = await desk.CreateAsync(complaint, request.ReceivedAt, cancellationToken);
        return TypedResults.Created($"/api/hotline/drafts/{draft.Id}", draft);
    }

    private static async Task<Results<Ok<HotlineDraft>, ProblemHttpResult>> GetAsync(string id, HotlineDesk desk, CancellationToken cancellationToken)
    {
        return await desk.GetAsync(id, cancellationToken) is { } draft
            ? TypedResults.Ok(draft)
            : Problems.NotFound("No draft with that id.");
    }

    private static async Task<Results<Ok<HotlineDraft>, ProblemHttpResult>> SaveAsync(
        string id, SaveDraftRequest? request, HotlineDesk desk, IOptions<HotlineOptions> options, CancellationToken cancellationToken)
    {
        var text = request?.Draft?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Problems.BadRequest("draft is required.");
        }

        if (text.Length > options.Value.MaxDraftLength)
        {
            return Problems.BadRequest($"draft is longer than {options.Value.MaxDraftLength} characters.");
        }

        if (request!.Status is not (DraftStatus.Edited or DraftStatus.Sent))
        {
            return Problems.BadRequest("status must be 'edited' or 'sent'.");
        }

        var (outcome, draft) = await desk.SaveAsync(id, text, request.Status, request.Revision, cancellationToken);
        return outcome switch
        {
            SaveOutcome.Saved => TypedResults.Ok(draft!),
            SaveOutcome.NotFound => Problems.NotFound("No draft with that id."),
            SaveOutcome.Stale => Problems.Conflict($"The draft was saved by someone else (now revision {draft!.Revision}); reload it and save again."),
            _ => Problems.Conflict($"A draft in status '{draft!.Status}' cannot move to '{request.Status}'; a sent reply is final."),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<HotlineDraftSummary>>, ProblemHttpResult>> ListAsync(
        HotlineDesk desk, KnowledgeBase knowledge, CancellationToken cancellationToken,
        string? street = null, string? category = null, string? from = null, string? to = null, string? status = null, int limit = 50)
    {
        string? streetName = null;
        if (!string.IsNullOrWhiteSpace(street))
        {
            streetName = knowledge.FindStreet(street.Trim())?.Name;
            if (streetName is null)
            {
                return Problems.BadRequest("street must be one of the 15 街道 (name or short form).");
            }
        }

        if (!string.IsNullOrWhiteSpace(category) && !ComplaintCategories.IsKnown(category.Trim()))
        {
            return Problems.BadRequest($"category must be one of: {string.Join("、", ComplaintCategories.All)}.");
        }

        if (!TryDate(from, out var fromDate) || !TryDate(to, out var toDate))
        {
            return Problems.BadRequest("from and to are dates: yyyy-MM-dd.");
        }

        if (fromDate > toDate)
        {
            return Problems.BadRequest("from is after to.");
        }

        if (!string.IsNullOrWhiteSpace(status) && !DraftStatus.All.Contains(status))
        {
            return Problems.BadRequest("status must be draft, edited or sent.");
        }

        if (limit is < 1 or > 500)
        {
            return Problems.BadRequest("limit must be between 1 and 500.");
        }

        var query = new HotlineDraftQuery(streetName, NullIfBlank(category), fromDate, toDate, NullIfBlank(status), limit);
        return TypedResults.Ok(await desk.ListAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<HotlineStats>, ProblemHttpResult>> StatsAsync(
        HotlineDesk desk, KnowledgeBase knowledge, CancellationToken cancellationToken, string? month = null)
    {
        if (month is null || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return Problems.BadRequest("month is required: yyyy-MM, e.g. 2024-06.");
        }

        // A month's end must exist (9999-12 has none) and complaints are dated in this century.
        if (first.Year is < 2000 or > 2100)
        {
            return Problems.BadRequest("month must be between 2000-01 and 2100-12.");
        }

        var streets = knowledge.Streets.Select(s => s.Name).ToList();
        return TypedResults.Ok(await desk.StatsAsync(first.Year, first.Month, streets, cancellationToken));
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        return false;
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
