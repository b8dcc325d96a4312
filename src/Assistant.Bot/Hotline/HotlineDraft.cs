using Assistant.Index.Hotline;

namespace Assistant.Bot.Hotline;

public static class DraftStatus
{
    public const string Draft = "draft";
    public const string Edited = "edited";
    public const string Sent = "sent";

    public static readonly IReadOnlyList<string> All = [Draft, Edited, Sent];

    /// <summary>draft → edited → sent; edits may repeat; a sent reply is final.</summary>
    public static bool CanMove(string from, string to) =>
        from != Sent && to != Draft && Rank(to) >= Rank(from);

    private static int Rank(string status) => status switch
    {
        Draft => 0,
        Edited => 1,
        Sent => 2,
        _ => -1,
    };
}

/// <summary>A measure a draft rests on, as the operator sees it.</summary>
public sealed record HotlineBasis(
    string MeasureRef,
    string Ref,
    string Citation,
    string Measure,
    string Deadline,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    bool SplitInferred,
    string? Note,
    string Category);

public sealed record HotlineFacts(string Summary, string? Where, string? Since, string? Frequency, bool ReportedBefore);

/// <summary>The triage as stored with a draft: what was suggested at the time, kept even if the knowledge changes.</summary>
public sealed record HotlineTriageView(
    string Category,
    IReadOnlyList<string> AlsoConcerns,
    IReadOnlyList<string> Cues,
    string? Street,
    string? StreetEvidence,
    string? TimeOfDay,
    string? TimeEvidence,
    HotlineFacts Facts,
    IReadOnlyList<string> Refs,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    IReadOnlyList<HotlineBasis> Basis,
    bool SplitInferred,
    Handling? Handling = null,
    string? DraftedBy = null)
{
    public static HotlineTriageView From(Triage t) => new(
        t.Category, t.AlsoConcerns, t.Cues, t.Street?.Name, t.StreetEvidence, t.Time?.Period, t.Time?.Surface,
        new HotlineFacts(t.Facts.Summary, t.Facts.Where, t.Facts.Since, t.Facts.Frequency, t.Facts.ReportedBefore),
        t.Refs, t.LeadUnits, t.CoUnits,
        t.Basis.Select(b => new HotlineBasis(
            b.Measure.Ref, b.Measure.TaskRef, b.Measure.Citation, b.Measure.Text, b.Measure.Deadline.Text,
            b.Measure.LeadUnits, b.Measure.CoUnits, b.Measure.SplitInferred, b.Measure.StaffNote, b.Category)).ToList(),
        t.SplitInferred);

    /// <summary>The triage part of a draft, as stored next to it.</summary>
    public static HotlineTriageView Of(HotlineDraft d) => new(
        d.Category, d.AlsoConcerns, d.Cues, d.Street, d.StreetEvidence, d.TimeOfDay, d.TimeEvidence, d.Facts, d.Refs, d.LeadUnits, d.CoUnits,
        d.Basis, d.SplitInferred, d.Handling, d.DraftedBy);
}

/// <summary>One saved text of a reply: revision 1 is the generated draft, each save adds one.</summary>
public sealed record HotlineRevision(int Revision, string Draft, string Status, DateTimeOffset SavedAt);

/// <summary>A complaint with its triage, the reply (current text) and the dispatch note: the API's resource.</summary>
public sealed record HotlineDraft(
    string Id,
    string Complaint,
    DateTimeOffset ReceivedAt,
    string Category,
    IReadOnlyList<string> AlsoConcerns,
    IReadOnlyList<string> Cues,
    string? Street,
    string? StreetEvidence,
    string? TimeOfDay,
    string? TimeEvidence,
    HotlineFacts Facts,
    IReadOnlyList<string> Refs,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    IReadOnlyList<HotlineBasis> Basis,
    bool SplitInferred,
    string Draft,
    string DispatchNote,
    string Status,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<HotlineRevision> Revisions,
    Handling? Handling = null,
    string? DraftedBy = null)
{
    // Handling (added with issue 12): the dispatch note's 主办, 属地, 协办 and flags as data; null on drafts made before.
    // DraftedBy: "rules", or "model" when a model-worded reply passed the rubric and the grounding check.

    public static HotlineDraft Compose(
        string id, string complaint, DateTimeOffset receivedAt, HotlineTriageView t, string draft, string dispatchNote, string status,
        int revision, DateTimeOffset createdAt, DateTimeOffset updatedAt, IReadOnlyList<HotlineRevision> revisions) => new(
        id, complaint, receivedAt, t.Category, t.AlsoConcerns, t.Cues, t.Street, t.StreetEvidence, t.TimeOfDay, t.TimeEvidence, t.Facts,
        t.Refs, t.LeadUnits, t.CoUnits, t.Basis, t.SplitInferred, draft, dispatchNote, status, revision, createdAt, updatedAt, revisions,
        t.Handling, t.DraftedBy);
}

/// <summary>A row of the recent-drafts list.</summary>
public sealed record HotlineDraftSummary(
    string Id,
    DateTimeOffset ReceivedAt,
    string Category,
    string? Street,
    string Status,
    int Revision,
    string Excerpt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The list shows the complaint's start with the caller's personal data masked.</summary>
    public static string ExcerptOf(string complaint)
    {
        var masked = PersonalData.Mask(complaint);
        return masked.Length <= 60 ? masked : string.Concat(masked.AsSpan(0, 60), "……");
    }
}

public sealed record HotlineDraftQuery(string? Street, string? Category, DateOnly? From, DateOnly? To, string? Status, int Limit);

/// <summary>One cell of the month's table: how many complaints of a category in a street (null: street not said).</summary>
public sealed record HotlineCount(string Category, string? Street, int Count);

/// <summary>The month's complaints by category × street — the material for 每月一题.</summary>
public sealed record HotlineStats(
    string Month,
    int Total,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Streets,
    IReadOnlyList<HotlineCount> Cells,
    IReadOnlyList<CategoryCount> ByCategory,
    IReadOnlyList<StreetCount> ByStreet);

public sealed record CategoryCount(string Category, int Count);

public sealed record StreetCount(string? Street, int Count);
