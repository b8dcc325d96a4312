using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Index.Knowledge;

public sealed record GroundingProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>
/// Proves the knowledge traces back to the seed: every measure's wording (in seed order), deadline and unit,
/// every task number, every street and district figure. The seed is compared with all whitespace removed,
/// since the PDF's line breaks and layout spaces carry no meaning.
/// </summary>
public sealed partial class GroundingValidator
{
    /// <summary>How many tasks each annex has (序号 1..N).</summary>
    public static readonly IReadOnlyDictionary<int, int> ExpectedTaskCounts =
        new Dictionary<int, int> { [1] = 25, [2] = 15, [3] = 11, [4] = 18, [5] = 8 };

    private const string HeaderRow = "序号重点任务工作措施完成时限主责单位协办单位";

    private readonly string _seed;

    public GroundingValidator(string seedText)
    {
        _seed = Squeeze(seedText);
    }

    public static string Squeeze(string text) => Whitespace().Replace(text, "");

    public IReadOnlyList<GroundingProblem> Validate(KnowledgeBase knowledge)
    {
        var problems = new List<GroundingProblem>();
        var unitNames = knowledge.Units.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        ValidateTaskNumbers(knowledge.Plan, problems);
        ValidateMeasures(knowledge.Plan, unitNames, problems);
        ValidateUnits(knowledge, problems);
        ValidateStreetTargets(knowledge.Plan, problems);
        ValidateDistrictTargets(knowledge.Plan, problems);
        return problems;
    }

    private static void ValidateTaskNumbers(Plan plan, List<GroundingProblem> problems)
    {
        foreach (var (annexNumber, expected) in ExpectedTaskCounts)
        {
            var annex = plan.Annexes.FirstOrDefault(a => a.Number == annexNumber);
            if (annex is null)
            {
                problems.Add(new($"附件{annexNumber}", "annex missing"));
                continue;
            }

            var numbers = annex.Tasks.Select(t => t.Number).ToList();
            var wanted = Enumerable.Range(1, expected).ToList();
            foreach (var missing in wanted.Except(numbers))
            {
                problems.Add(new(References.Task(annexNumber, missing), "task missing"));
            }

            foreach (var repeated in numbers.GroupBy(n => n).Where(g => g.Count() > 1))
            {
                problems.Add(new(References.Task(annexNumber, repeated.Key), "task number repeated"));
            }

            foreach (var extra in numbers.Except(wanted))
            {
                problems.Add(new(References.Task(annexNumber, extra), "task number not in the seed's table"));
            }

            foreach (var task in annex.Tasks.Where(t => t.Measures.Count == 0))
            {
                problems.Add(new(task.Ref, "task has no measure"));
            }
        }
    }

    private void ValidateMeasures(Plan plan, HashSet<string> unitNames, List<GroundingProblem> problems)
    {
        var measures = plan.Measures.ToList();
        var starts = new int[measures.Count];
        var previous = 0;
        for (var i = 0; i < measures.Count; i++)
        {
            var m = measures[i];
            var (start, error) = Locate(m, previous);
            if (error is not null)
            {
                problems.Add(new(m.Ref, error));
                starts[i] = -1;
                continue;
            }

            starts[i] = start;
            previous = start + 1;
            if (!_seed.Contains(Squeeze(m.Deadline.Text), StringComparison.Ordinal))
            {
                problems.Add(new(m.Ref, $"deadline '{m.Deadline.Text}' is not in the seed"));
            }

            if (m.SplitInferred && string.IsNullOrWhiteSpace(m.Note))
            {
                problems.Add(new(m.Ref, "lead/co split marked inferred without a note saying why"));
            }
        }

        // A row's units sit after its text and before the next row's text (a little slack before: PDF layout
        // sometimes lifts the first unit line above the text).
        for (var i = 0; i < measures.Count; i++)
        {
            if (starts[i] < 0)
            {
                continue;
            }

            var m = measures[i];
            var end = measures.Skip(i + 1).Select((_, j) => starts[i + 1 + j]).FirstOrDefault(s => s > starts[i], _seed.Length);
            var from = Math.Max(0, starts[i] - 80);
            var row = _seed[from..Math.Min(_seed.Length, end + 80)];
            foreach (var unit in m.LeadUnits.Concat(m.CoUnits))
            {
                if (!unitNames.Contains(unit))
                {
                    problems.Add(new(m.Ref, $"unit '{unit}' is missing from units.json"));
                }

                if (!_seed.Contains(unit, StringComparison.Ordinal))
                {
                    problems.Add(new(m.Ref, $"unit '{unit}' is not in the seed"));
                }
                else if (!row.Contains(unit, StringComparison.Ordinal))
                {
                    problems.Add(new(m.Ref, $"unit '{unit}' is not in this row of the seed"));
                }
            }

            foreach (var dup in m.LeadUnits.Intersect(m.CoUnits))
            {
                problems.Add(new(m.Ref, $"unit '{dup}' is both lead and co"));
            }
        }
    }

    /// <summary>
    /// Finds the measure's text as pieces, in increasing position, from <paramref name="after"/> on. Pieces may be
    /// separated only by what the PDF interleaves: the header row, page numbers, other columns' cells.
    /// </summary>
    private (int Start, string? Error) Locate(Measure m, int after)
    {
        var text = m.Text;
        if (text.Length == 0)
        {
            return (-1, "empty measure text");
        }

        if (Whitespace().IsMatch(text))
        {
            return (-1, "measure text contains whitespace");
        }

        var pos = after;
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var (length, at) = LongestPrefixAt(text, i, pos);
            if (length == 0)
            {
                return (-1, $"wording not in the seed (in order) from '{Excerpt(text, i)}'");
            }

            if (start >= 0)
            {
                var gap = _seed[pos..at];
                if (!IsInterruption(gap, m))
                {
                    return (-1, $"wording breaks off before '{Excerpt(text, i)}' (the seed has '{Excerpt(gap, 0)}' there)");
                }
            }
            else
            {
                start = at;
            }

            if (length < 2 && i + length < text.Length)
            {
                return (-1, $"wording differs from the seed at '{Excerpt(text, i)}'");
            }

            pos = at + length;
            i += length;
        }

        return (start, null);
    }

    private (int Length, int At) LongestPrefixAt(string text, int i, int pos)
    {
        // Binary search on the prefix length: if a prefix is found, every shorter one is too.
        int lo = 1, hi = text.Length - i, bestLength = 0, bestAt = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var at = _seed.IndexOf(text.Substring(i, mid), pos, StringComparison.Ordinal);
            if (at >= 0)
            {
                (bestLength, bestAt) = (mid, at);
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return (bestLength, bestAt);
    }

    /// <summary>What may stand between two pieces of one cell: layout from the page and from other columns.</summary>
    private static bool IsInterruption(string gap, Measure m)
    {
        if (gap.Length > 200)
        {
            return false;
        }

        var rest = gap.Replace(HeaderRow, "", StringComparison.Ordinal);
        rest = PageNumber().Replace(rest, "");
        rest = rest.Replace(Squeeze(m.Deadline.Text), "", StringComparison.Ordinal);
        foreach (var unit in m.LeadUnits.Concat(m.CoUnits).OrderByDescending(u => u.Length))
        {
            rest = rest.Replace(unit, "", StringComparison.Ordinal);
        }

        rest = rest.Replace(m.Section, "", StringComparison.Ordinal).Replace(m.TaskName, "", StringComparison.Ordinal);
        rest = rest.Replace("——", "", StringComparison.Ordinal);
        rest = rest.Replace(m.Task.ToString(CultureInfo.InvariantCulture), "", StringComparison.Ordinal);
        // Wrapped task names and unit names interleave in fragments; a few characters of them may remain.
        return rest.Length <= 12 && !rest.Contains('。', StringComparison.Ordinal);
    }

    private void ValidateUnits(KnowledgeBase knowledge, List<GroundingProblem> problems)
    {
        var aliasOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in knowledge.Units)
        {
            if (!_seed.Contains(unit.Name, StringComparison.Ordinal))
            {
                problems.Add(new("units.json", $"unit '{unit.Name}' is not in the seed"));
            }

            foreach (var alias in unit.Aliases)
            {
                if (aliasOwner.TryGetValue(alias, out var owner) && owner != unit.Name)
                {
                    problems.Add(new("units.json", $"alias '{alias}' names both '{owner}' and '{unit.Name}'"));
                }

                aliasOwner[alias] = unit.Name;
            }
        }
    }

    private void ValidateStreetTargets(Plan plan, List<GroundingProblem> problems)
    {
        if (plan.StreetTargets.Count != 15)
        {
            problems.Add(new("streetTargets", $"{plan.StreetTargets.Count} streets, the seed's table has 15"));
        }

        foreach (var t in plan.StreetTargets)
        {
            var row = string.Create(CultureInfo.InvariantCulture,
                $"{t.Street}{t.Pm25Annual}{t.Pm25Q1}{t.GoodDaysRatio}{t.HeavyPollutionDays}{t.HeavyPollutionDaysQ1}");
            if (!_seed.Contains(row, StringComparison.Ordinal))
            {
                problems.Add(new($"streetTargets/{t.Street}", "figures differ from the seed's table row"));
            }
        }
    }

    private void ValidateDistrictTargets(Plan plan, List<GroundingProblem> problems)
    {
        // 附件6 is one header block and one row of figures for 西城区, in column order.
        var annex6 = _seed.IndexOf("附件6", _seed.LastIndexOf("附件5", StringComparison.Ordinal), StringComparison.Ordinal);
        var rowStart = annex6 < 0 ? -1 : _seed.IndexOf("西城区", annex6, StringComparison.Ordinal);
        if (rowStart < 0)
        {
            problems.Add(new("districtTargets", "附件6 row not found in the seed"));
            return;
        }

        var header = Search.ChineseText.Normalize(_seed[annex6..rowStart]);
        var pos = rowStart + "西城区".Length;
        foreach (var t in plan.DistrictTargets)
        {
            var at = _seed.IndexOf(Squeeze(t.Value), pos, StringComparison.Ordinal);
            if (at < 0 || at - pos > 2)
            {
                problems.Add(new($"districtTargets/{t.Name}", $"value '{t.Value}' is not the next figure in 附件6's row"));
                continue;
            }

            pos = at + Squeeze(t.Value).Length;
            if (!t.Keywords.Any(k => header.Contains(Search.ChineseText.Normalize(k), StringComparison.Ordinal)))
            {
                problems.Add(new($"districtTargets/{t.Name}", "none of its keywords is in 附件6's header"));
            }
        }
    }

    private static string Excerpt(string s, int i) => s.Substring(i, Math.Min(12, s.Length - i));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"-\d{1,3}-")]
    private static partial Regex PageNumber();
}
