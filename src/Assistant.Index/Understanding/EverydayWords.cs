namespace Assistant.Index.Understanding;

/// <summary>A thing the plan names (<see cref="Plan"/>, its exact words) and the words people use for it.</summary>
public sealed record Concept(string Plan, IReadOnlyList<string> Everyday);

/// <summary>Everyday questions one answer should catch, by who asks (as Custom Question Answering's alternate questions).</summary>
public sealed record AlternateQuestions(IReadOnlyList<string> Citizen, IReadOnlyList<string> Operator, IReadOnlyList<string> Staff)
{
    public static readonly AlternateQuestions None = new([], [], []);

    public IEnumerable<(string Kind, string Question)> All =>
        Citizen.Select(q => ("citizen", q)).Concat(Operator.Select(q => ("operator", q))).Concat(Staff.Select(q => ("staff", q)));

    public int Count => Citizen.Count + Operator.Count + Staff.Count;
}

/// <summary>One measure's everyday vocabulary and alternate questions (knowledge/understanding/annex-N.json).</summary>
public sealed record MeasureWords(string Ref, IReadOnlyList<Concept> Concepts, AlternateQuestions Questions);

/// <summary>An 附件6 district target (by its exact name in plan.json) in everyday words.</summary>
public sealed record IndicatorWords(string Name, IReadOnlyList<Concept> Concepts, IReadOnlyList<string> Questions);

/// <summary>A column of 附件1's street table (pm25Annual, goodDaysRatio…) in everyday words.</summary>
public sealed record StreetColumnWords(string Column, IReadOnlyList<Concept> Concepts, IReadOnlyList<string> Questions);

/// <summary>
/// What people call a unit (城管委, 环保局), and the bare word its own staff use for it (园林, 水务, 环保) — a word the
/// plan also uses for a thing, so it is read as the unit only where a staff member speaks of their unit's duties.
/// </summary>
public sealed record UnitNicknames(string Name, IReadOnlyList<string> Everyday, IReadOnlyList<string>? Staff = null);

/// <summary>A nickname that means different units to different people (城管): never silently one of them.</summary>
public sealed record AmbiguousNickname(string Word, IReadOnlyList<string> Units);

/// <summary>
/// Everyday vocabulary and alternate questions for the whole plan (knowledge/understanding/): curated data, proved
/// against the seed by <see cref="UnderstandingValidator"/>. Empty when the folder is absent.
/// </summary>
public sealed record EverydayWords(
    IReadOnlyList<MeasureWords> Measures,
    IReadOnlyList<IndicatorWords> District,
    IReadOnlyList<StreetColumnWords> StreetColumns,
    IReadOnlyList<UnitNicknames> Units,
    IReadOnlyList<AmbiguousNickname> Ambiguous,
    IReadOnlyList<string> Files)
{
    public static readonly EverydayWords Empty = new([], [], [], [], [], []);

    /// <summary>The street table's columns, as plan.json's streetTargets spell them.</summary>
    public static readonly IReadOnlyList<string> StreetColumnNames = ["pm25Annual", "pm25Q1", "goodDaysRatio", "heavyPollutionDays", "heavyPollutionDaysQ1"];
}
