using Assistant.Index.Knowledge;

namespace Assistant.Index.Hotline;

/// <summary>What the triage read from a complaint and which of the plan's measures apply.</summary>
public sealed record Triage(
    string Category,
    IReadOnlyList<string> AlsoConcerns,
    IReadOnlyList<string> Cues,
    Street? Street,
    string? StreetEvidence,
    TimeOfDay? Time,
    ComplaintFacts Facts,
    IReadOnlyList<BasisMeasure> Basis,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    IReadOnlyList<string>? IssueWords = null,
    Street? HomeStreet = null,
    string? Complaint = null)
{
    // Complaint: the complaint as told, with the caller's personal data masked (what a reply may restate).

    /// <summary>The named matter within the leading category (露天烧烤, 露天焚烧), even one the plan has no row for.</summary>
    public string? Topic { get; init; }

    /// <summary>The cue words of the leading category only (the issue the caller puts first), for restating it.</summary>
    public IReadOnlyList<string> MainCues => IssueWords ?? Cues;

    /// <summary>The caller says they live in another street than the one the problem is in.</summary>
    public bool ElsewhereThanHome => HomeStreet is not null && Street is not null && HomeStreet.Name != Street.Name;

    /// <summary>True when the plan has a measure for this complaint.</summary>
    public bool Covered => Basis.Count > 0;

    /// <summary>The tasks the basis belongs to (附件1-15, 附件1-19), in basis order.</summary>
    public IReadOnlyList<string> Refs => Basis.Select(b => b.Measure.TaskRef).Distinct().ToList();

    /// <summary>True when any unit split the suggestion rests on is a reading of the PDF layout.</summary>
    public bool SplitInferred => Basis.Any(b => b.Measure.SplitInferred);
}

/// <summary>A measure the complaint falls under, and which category (and topic within it) brought it in.</summary>
public sealed record BasisMeasure(Measure Measure, string Category, string? Topic);

/// <summary>
/// 夜间 (22:00–06:00, as the noise law counts night), 昼间, or 晚上 — evening with no hour said, which may or may not
/// be night — with the words it was read from and the hour when one was given.
/// </summary>
public sealed record TimeOfDay(string Period, string Surface, int? Hour)
{
    public const string Night = "夜间";
    public const string Evening = "晚上";
    public const string Day = "昼间";

    public bool IsNight => Period == Night;

    /// <summary>Night, or an evening that may be night.</summary>
    public bool AfterDark => Period is Night or Evening;
}

/// <summary>The facts an operator needs: where, since when, how often, and whether it was reported before.</summary>
public sealed record ComplaintFacts(string Summary, string? Where, string? Since, string? Frequency, bool ReportedBefore);
