using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>What a 12345 quality supervisor's mechanical rules found wrong with a caller-facing reply (none: it passes).</summary>
public sealed record RubricVerdict(IReadOnlyList<string> Problems, int Length, IReadOnlyList<string> Units)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// The supervisor's mechanical rules for a reply sent to a caller, in one place for the tests, the evaluation
/// command and the model gate: short (≤ 320 characters, whitespace excluded); no run of more than 30 characters
/// copied from any measure; at most three unit names and at least one (for a matter the plan does not cover: no word
/// of the plan, and the street office that takes it in); none of the operators' record words or the noise law's jargon; no personal data
/// (no digit run of seven or more, no mask left in).
/// </summary>
public sealed partial class DraftRubric(KnowledgeBase knowledge, Gazetteer gazetteer)
{
    public const int MaxLength = 320;
    public const int MaxCopiedRun = 30;
    public const int MaxUnits = 3;

    /// <summary>How operators write up a call; a caller should never read them back.</summary>
    public static readonly IReadOnlyList<string> RecordWords = ["市民来电", "来电人", "诉求", "工单", "反映人"];

    /// <summary>The noise law's and the dispatchers' terms, which mean nothing to a caller.</summary>
    public static readonly IReadOnlyList<string> Jargon = ["社会生活噪声", "交通运输噪声", "建筑施工噪声", "噪声扰民问题", "属地", "主责", "协办", "派单", "承办", "事中事后"];

    private readonly IReadOnlyList<string> _measureTexts = knowledge.Measures.Select(m => ChineseText.Normalize(m.Text)).ToList();

    public RubricVerdict Check(string draft, bool planCovers)
    {
        var problems = new List<string>();
        var text = ChineseText.Normalize(draft);
        if (text.Length > MaxLength)
        {
            problems.Add($"length {text.Length} > {MaxLength}");
        }

        if (CopiedRun(text) is { } copied)
        {
            problems.Add($"copies more than {MaxCopiedRun} characters of a measure: {copied}");
        }

        var units = UnitsNamed(text);
        if (units.Count > MaxUnits)
        {
            problems.Add($"{units.Count} units named: {string.Join("、", units)}");
        }

        if (planCovers && units.Count == 0)
        {
            problems.Add("names no handling unit");
        }

        // A matter the plan does not cover: the caller hears nothing of the plan, and which street office takes it in.
        if (!planCovers && text.Contains("行动计划", StringComparison.Ordinal))
        {
            problems.Add("mentions the plan for a matter it does not cover");
        }

        if (!planCovers && units.Count == 0 && !text.Contains("街道办事处", StringComparison.Ordinal))
        {
            problems.Add("names no street office to take it in");
        }

        foreach (var word in RecordWords.Concat(Jargon).Where(w => text.Contains(ChineseText.Normalize(w), StringComparison.Ordinal)))
        {
            problems.Add($"record word or jargon: {word}");
        }

        if (LongDigitRun().Match(text) is { Success: true } digits)
        {
            problems.Add($"digit run {digits.Value}");
        }

        foreach (var mask in PersonalData.Masks.Where(m => text.Contains(m, StringComparison.Ordinal)))
        {
            problems.Add($"personal data mask {mask}");
        }

        return new RubricVerdict(problems, text.Length, units);
    }

    /// <summary>The reply says the plan does not cover the matter (不在……行动计划……之内/之中, 行动计划……未涉及).</summary>
    public static bool SaysNotCovered(string text) => NotCovered().IsMatch(ChineseText.Normalize(text));

    /// <summary>Distinct units the text names: district and municipal units (by name or alias) and street offices.</summary>
    public IReadOnlyList<string> UnitsNamed(string normalized)
    {
        var units = new List<string>();
        foreach (var m in gazetteer.Find(normalized))
        {
            var name = m.Unit?.Name
                ?? (m.Street is { } s && (m.Surface.EndsWith("办事处", StringComparison.Ordinal) || m.Surface.EndsWith("街道办", StringComparison.Ordinal)) ? s.Office : null);
            if (name is not null && !units.Contains(name))
            {
                units.Add(name);
            }
        }

        return units;
    }

    private string? CopiedRun(string text)
    {
        for (var i = 0; i + MaxCopiedRun < text.Length; i++)
        {
            var window = text.Substring(i, MaxCopiedRun + 1);
            if (_measureTexts.Any(m => m.Contains(window, StringComparison.Ordinal)))
            {
                return window;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex LongDigitRun();

    [GeneratedRegex(@"不在.{0,30}行动计划.{0,30}(?:之内|之中|范围|事项)|行动计划.{0,12}(?:没有涉及|未涉及|没有列入|未列入)")]
    private static partial Regex NotCovered();
}
