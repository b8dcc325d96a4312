using Assistant.Index.Knowledge;

namespace Assistant.Index.Answers;

/// <summary>A period a question asks about ("4月底前", "上半年", "年底前", "本季度"), in the plan year.</summary>
/// <param name="Reading">For a period relative to today, which months it was read as ("按2024年计划，本季度指10—12月").</param>
public sealed record TimeWindow(DateOnly From, DateOnly To, string Surface, bool ByEnd, string? Reading = null)
{
    /// <summary>"4月底前" means everything due up to then; "6月" means due within June.</summary>
    public bool Includes(Deadline deadline) => ByEnd
        ? deadline.Kind is DeadlineKind.By or DeadlineKind.Period && deadline.By is { } by && by <= To
        : deadline.DueWithin(From, To);
}

/// <summary>What the question reader understood: intent, named things, and the free-text topic left over.</summary>
public sealed record Question(
    string Raw,
    string Normalized,
    Intent Intent,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<Street> Streets,
    TimeWindow? Time,
    string? Reference,
    string Topic,
    bool IsFollowUp,
    bool AsksQ1,
    bool AsksLeadOnly,
    bool AsksCoOnly,
    string? OutOfScope,
    Understanding.Aspect Aspect = Understanding.Aspect.AsIntent);
