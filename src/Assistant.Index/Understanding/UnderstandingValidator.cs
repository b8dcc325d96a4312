using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>
/// Proves knowledge/understanding/ against the plan: every concept's plan-side term is the plan's own wording (in its
/// measure, its 附件6 indicator's name, or the street table's header in the seed); every reference, indicator, column
/// and unit exists; every measure has its alternate questions (≥ 8, ≥ 2 per kind of user), every indicator and column
/// ≥ 5; and no alternate question copies its measure's wording (a run of 5 characters, names and numbers aside).
/// </summary>
public sealed partial class UnderstandingValidator(string seedText)
{
    public const int MinMeasureQuestions = 8;
    public const int MinPerKind = 2;
    public const int MinIndicatorQuestions = 5;

    /// <summary>A shared run this long is copying (the same rule as /work/spec/altcheck.py).</summary>
    public const int CopiedRun = 5;

    private static readonly string[] ExpectedFiles =
        ["annex-1.json", "annex-2.json", "annex-3.json", "annex-4.json", "annex-5.json", "indicators.json", "units.json"];

    private readonly string _seed = GroundingValidator.Squeeze(seedText);

    public IReadOnlyList<GroundingProblem> Validate(KnowledgeBase knowledge)
    {
        var words = knowledge.Everyday;
        var problems = new List<GroundingProblem>();
        if (words.Files.Count == 0)
        {
            return problems;
        }

        foreach (var missing in ExpectedFiles.Except(words.Files, StringComparer.Ordinal))
        {
            problems.Add(new($"understanding/{missing}", "file missing"));
        }

        ValidateMeasures(knowledge, problems);
        ValidateIndicators(knowledge, problems);
        ValidateUnits(knowledge, problems);
        problems.AddRange(CopiedWording(knowledge));
        return problems;
    }

    private static void ValidateMeasures(KnowledgeBase knowledge, List<GroundingProblem> problems)
    {
        var words = knowledge.Everyday;
        foreach (var repeated in words.Measures.GroupBy(m => m.Ref).Where(g => g.Count() > 1))
        {
            problems.Add(new($"understanding/{repeated.Key}", "measure listed more than once"));
        }

        // Every measure of an annex whose file is present.
        var annexes = words.Files.Select(f => AnnexFile().Match(f)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
        var listed = words.Measures.Select(m => m.Ref).ToHashSet(StringComparer.Ordinal);
        foreach (var m in knowledge.Plan.Measures.Where(m => annexes.Contains(m.Annex) && !listed.Contains(m.Ref)))
        {
            problems.Add(new($"understanding/{m.Ref}", "measure has no everyday words or alternate questions"));
        }

        foreach (var entry in words.Measures)
        {
            var where = $"understanding/{entry.Ref}";
            if (knowledge.FindMeasure(entry.Ref) is not { } measure)
            {
                problems.Add(new(where, "no such measure"));
                continue;
            }

            CheckConcepts(where, entry.Concepts, Plain(measure.Text), "its measure's text", problems);
            var q = entry.Questions;
            if (q.Count < MinMeasureQuestions || q.Citizen.Count < MinPerKind || q.Operator.Count < MinPerKind || q.Staff.Count < MinPerKind)
            {
                problems.Add(new(where, $"needs ≥ {MinMeasureQuestions} alternate questions with ≥ {MinPerKind} per kind (has {q.Citizen.Count}/{q.Operator.Count}/{q.Staff.Count})"));
            }
        }
    }

    private void ValidateIndicators(KnowledgeBase knowledge, List<GroundingProblem> problems)
    {
        var words = knowledge.Everyday;
        if (!words.Files.Contains("indicators.json"))
        {
            return;
        }

        var targets = knowledge.Plan.DistrictTargets.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in targets.Except(words.District.Select(d => d.Name)))
        {
            problems.Add(new($"understanding/附件6/{missing}", "indicator has no everyday words"));
        }

        foreach (var d in words.District)
        {
            var where = $"understanding/附件6/{d.Name}";
            if (!targets.Contains(d.Name))
            {
                problems.Add(new(where, "no such 附件6 indicator in plan.json"));
                continue;
            }

            CheckConcepts(where, d.Concepts, Plain(d.Name), "the indicator's name", problems);
            if (d.Questions.Count < MinIndicatorQuestions)
            {
                problems.Add(new(where, $"needs ≥ {MinIndicatorQuestions} alternate questions (has {d.Questions.Count})"));
            }
        }

        var header = StreetTableHeader();
        if (header is null)
        {
            problems.Add(new("understanding/streetColumns", "the street table's header is not in the seed"));
        }

        foreach (var missing in EverydayWords.StreetColumnNames.Except(words.StreetColumns.Select(c => c.Column)))
        {
            problems.Add(new($"understanding/streetColumns/{missing}", "column has no everyday words"));
        }

        foreach (var c in words.StreetColumns)
        {
            var where = $"understanding/streetColumns/{c.Column}";
            if (!EverydayWords.StreetColumnNames.Contains(c.Column))
            {
                problems.Add(new(where, "no such street-table column"));
                continue;
            }

            CheckConcepts(where, c.Concepts, header ?? "", "the street table's header in the seed", problems);
            if (c.Questions.Count < MinIndicatorQuestions)
            {
                problems.Add(new(where, $"needs ≥ {MinIndicatorQuestions} alternate questions (has {c.Questions.Count})"));
            }
        }
    }

    /// <summary>附件1's street table header, from 全区及各街道 to the first street's row (whitespace removed).</summary>
    internal string? StreetTableHeader()
    {
        var start = _seed.IndexOf("全区及各街道PM2.5", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = _seed.IndexOf("德胜街道", start, StringComparison.Ordinal);
        return end < 0 ? null : Plain(_seed[start..end]);
    }

    private static void ValidateUnits(KnowledgeBase knowledge, List<GroundingProblem> problems)
    {
        var words = knowledge.Everyday;
        var names = knowledge.Units.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var u in words.Units)
        {
            var where = $"understanding/units/{u.Name}";
            if (!names.Contains(u.Name))
            {
                problems.Add(new(where, "no such unit in knowledge/units.json"));
            }

            foreach (var word in u.Everyday.Where(w => Plain(w).Length < 2))
            {
                problems.Add(new(where, $"nickname '{word}' is shorter than 2 characters"));
            }
        }

        var nicknames = words.Units.SelectMany(u => u.Everyday.Select(w => (Word: Plain(w), u.Name))).ToList();
        foreach (var clash in nicknames.GroupBy(n => n.Word).Where(g => g.Select(n => n.Name).Distinct().Count() > 1))
        {
            problems.Add(new($"understanding/units/{clash.Key}", $"nickname names several units ({string.Join("、", clash.Select(n => n.Name).Distinct())}): list it under ambiguous"));
        }

        foreach (var a in words.Ambiguous)
        {
            var where = $"understanding/units/ambiguous/{a.Word}";
            if (a.Units.Count < 2)
            {
                problems.Add(new(where, "an ambiguous nickname needs at least two units"));
            }

            foreach (var unit in a.Units.Where(n => !names.Contains(n)))
            {
                problems.Add(new(where, $"no such unit in knowledge/units.json: {unit}"));
            }
        }
    }

    private static void CheckConcepts(string where, IReadOnlyList<Concept> concepts, string planText, string source, List<GroundingProblem> problems)
    {
        foreach (var c in concepts)
        {
            var term = Plain(c.Plan);
            if (term.Length is < 2 or > 12)
            {
                problems.Add(new(where, $"plan term '{c.Plan}' should be 2–12 characters"));
            }

            if (!planText.Contains(term, StringComparison.Ordinal))
            {
                problems.Add(new(where, $"plan term '{c.Plan}' does not occur in {source}"));
            }

            if (c.Everyday.Count == 0)
            {
                problems.Add(new(where, $"concept '{c.Plan}' has no everyday words"));
            }

            foreach (var word in c.Everyday.Where(w => Plain(w).Length < 2))
            {
                problems.Add(new(where, $"everyday word '{word}' is shorter than 2 characters"));
            }
        }
    }

    /// <summary>Alternate questions that copy their measure's (or indicator's) wording: a shared run of 5 characters.</summary>
    public static IReadOnlyList<GroundingProblem> CopiedWording(KnowledgeBase knowledge)
    {
        var names = NamesAside(knowledge);
        var problems = new List<GroundingProblem>();
        foreach (var entry in knowledge.Everyday.Measures)
        {
            if (knowledge.FindMeasure(entry.Ref) is not { } measure)
            {
                continue;
            }

            var text = Plain(measure.Text);
            foreach (var (kind, question) in entry.Questions.All)
            {
                if (SharedRuns(question, text, names) is { Count: > 0 } runs)
                {
                    problems.Add(new($"understanding/{entry.Ref}", $"[{kind}] '{question}' copies the measure's wording: {string.Join("、", runs.Take(3))}"));
                }
            }
        }

        return problems;
    }

    /// <summary>Runs of <see cref="CopiedRun"/> characters a question shares with a text, after names, references and numbers are cut out.</summary>
    public static IReadOnlyList<string> SharedRuns(string question, string plainText, IReadOnlyList<string> namesLongestFirst)
    {
        var stripped = Plain(question);
        foreach (var name in namesLongestFirst)
        {
            stripped = stripped.Replace(name, "|", StringComparison.Ordinal);
        }

        stripped = Reference().Replace(stripped, "|");
        stripped = Digits().Replace(stripped, "|");
        var runs = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + CopiedRun <= stripped.Length; i++)
        {
            var run = stripped.Substring(i, CopiedRun);
            if (!run.Contains('|', StringComparison.Ordinal) && plainText.Contains(run, StringComparison.Ordinal))
            {
                runs.Add(run);
            }
        }

        return runs.ToList();
    }

    /// <summary>Unit and street names, aliases, short names and places: what a question may share with the plan freely.</summary>
    public static IReadOnlyList<string> NamesAside(KnowledgeBase knowledge) =>
        knowledge.Units.SelectMany(u => u.Aliases.Append(u.Name))
            .Concat(knowledge.Streets.SelectMany(s => s.ShortNames.Concat(s.Places).Append(s.Name)))
            .Select(Plain).Where(n => n.Length >= 2).Distinct(StringComparer.Ordinal)
            .OrderByDescending(n => n.Length).ToList();

    /// <summary>NFKC, whitespace dropped: the comparison form of the spec's altcheck.py.</summary>
    internal static string Plain(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^annex-(\d)\.json$")]
    private static partial Regex AnnexFile();

    [GeneratedRegex(@"附件\d+(?:-\d+)*")]
    private static partial Regex Reference();

    [GeneratedRegex(@"[0-9.%]+")]
    private static partial Regex Digits();
}
