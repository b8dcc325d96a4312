using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Ai;

/// <summary>
/// What the grounding check found: the references the text cites (in order), the numbers it states (canonical: "35",
/// "2.5") and every fact it could not trace to the records.
/// </summary>
public sealed record GroundingVerdict(IReadOnlyList<string> CitedRefs, IReadOnlyList<string> Numbers, IReadOnlyList<string> Problems)
{
    public bool Grounded => Problems.Count == 0;
}

/// <summary>
/// Checks a model's text against the records the plugins returned in its turn, before anyone reads it. Every unit,
/// street, deadline, number and reference in the text must appear in those records; the text must cite at least one
/// reference. A statement that cites measures (附件1-15-1) is held to those measures' records, so a unit or deadline
/// taken from another row counts as wrong; a statement citing nothing is held to everything returned.
/// </summary>
public sealed partial class GroundingCheck(Gazetteer gazetteer)
{
    // Endings of everyday words that look like a unit name's (区域布局, 市场格局).
    private static readonly string[] NotUnitEndings = ["布局", "格局", "结局", "大局", "全局"];

    /// <param name="requireReference">
    /// False for a text that must not cite references — a hotline reply to a caller — whose every fact is still held
    /// to the records.
    /// </param>
    public GroundingVerdict Check(string text, GroundingEvidence evidence, bool requireReference = true)
    {
        var problems = new List<string>();
        var cited = new List<string>();
        var numbers = new List<string>();
        var known = evidence.References();
        var everything = evidence.Scope([]);
        foreach (var block in BlankLines().Split(text.Replace("\r", "", StringComparison.Ordinal)))
        {
            var lines = block.Split('\n').Select(l => ChineseText.Normalize(ListMarker().Replace(l, ""))).Where(l => l.Length > 0).ToList();
            var blockRefs = StatementRefs(string.Concat(lines));
            foreach (var line in lines)
            {
                var lineRefs = StatementRefs(line);
                foreach (var sentence in SentenceEnd().Split(line).Where(s => s.Length > 0))
                {
                    foreach (var reference in GroundingText.FindReferences(sentence))
                    {
                        if (!IsKnown(reference, known))
                        {
                            problems.Add($"reference {reference.Canonical} is not in the records");
                        }
                        else if (!cited.Contains(reference.Canonical))
                        {
                            cited.Add(reference.Canonical);
                        }
                    }

                    var sentenceRefs = StatementRefs(sentence);
                    var scopeRefs = sentenceRefs.Count > 0 ? sentenceRefs : lineRefs.Count > 0 ? lineRefs : blockRefs;
                    CheckStatement(sentence, scopeRefs.Count > 0 ? evidence.Scope(scopeRefs) : everything, everything, numbers, problems);
                }
            }
        }

        if (cited.Count == 0 && requireReference)
        {
            problems.Add("cites no reference");
        }

        return new GroundingVerdict(cited, numbers.Distinct(StringComparer.Ordinal).ToList(), problems);
    }

    private void CheckStatement(string sentence, EvidenceScope scope, EvidenceScope everything, List<string> numbers, List<string> problems)
    {
        var chars = sentence.ToCharArray();
        foreach (var mention in gazetteer.Find(sentence))
        {
            // 生态环境局 is a short name of 区生态环境局, but 市生态环境局 is another authority.
            var municipal = mention.Unit is not null && mention.Start > 0 && sentence[mention.Start - 1] == '市';
            if (municipal && !scope.Mentions("市" + mention.Surface))
            {
                problems.Add($"unit 市{mention.Surface} is not in the records");
            }
            else if (mention.Unit is { } unit && !scope.Mentions(ChineseText.Normalize(unit.Name)) && !scope.Mentions(mention.Surface))
            {
                problems.Add($"unit {unit.Name} is not in the records");
            }
            else if (mention.Street is { } street && !mention.IsPlace
                && !new[] { street.Name, street.SeedName, street.Office, mention.Surface }.Any(n => scope.Mentions(ChineseText.Normalize(n))))
            {
                problems.Add($"street {street.Name} is not in the records");
            }
            else if (mention.IsPlace && !scope.Mentions(mention.Surface))
            {
                problems.Add($"place {mention.Surface} is not in the records");
            }

            Array.Fill(chars, ' ', mention.Start, mention.Surface.Length);
        }

        // Names the gazetteer does not know (区环保督察办公室) are made up unless the records themselves spell them.
        foreach (Match m in UnitLikeName().Matches(new string(chars)))
        {
            if (!NotUnitEndings.Any(e => m.Value.EndsWith(e, StringComparison.Ordinal)) && !everything.Mentions(m.Value))
            {
                problems.Add($"unit {m.Value} is not in the records");
            }
        }

        foreach (var deadline in GroundingText.FindDeadlines(sentence))
        {
            var surface = deadline.Surface.StartsWith("2024年", StringComparison.Ordinal) ? deadline.Surface[5..] : deadline.Surface;
            if (!scope.Mentions(surface) && !(deadline.Dates.Count > 0 && deadline.Dates.All(scope.HasDate)))
            {
                problems.Add($"deadline {deadline.Surface} is not in the records");
            }
        }

        foreach (var number in GroundingText.Numbers(new string(chars)).Distinct(StringComparer.Ordinal))
        {
            numbers.Add(number);
            if (!scope.HasNumber(number))
            {
                problems.Add($"number {number} is not in the records");
            }
        }
    }

    /// <summary>The measure and task references a statement cites (a bare 附件6 cites a whole table, not a row).</summary>
    private static List<string> StatementRefs(string text) =>
        GroundingText.FindReferences(text).Where(r => !r.IsAnnex).Select(r => r.Canonical).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsKnown(ReferenceMention reference, IReadOnlySet<string> known) =>
        known.Contains(reference.Canonical)
        || known.Any(k => k.StartsWith(reference.Canonical + "-", StringComparison.Ordinal));

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    // "1. ", "2、", "3）", "- ", "* " at the start of a line: list numbering is layout, not a stated number
    // ("3.5微克" at the start of a line is a number: a list marker's dot is followed by a space).
    [GeneratedRegex(@"^\s*(?:\d{1,2}(?:[.)]\s|[、）])|[-*•]\s)\s*")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(?<=[。；;！？!?])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:北京市|西城区|市|区)[\p{IsCJKUnifiedIdeographs}-[的和与及或是在要了把被对向由从为将会可以并等各该此其就都也]]{1,8}?(?:委员会|办公室|办事处|分局|支队|大队|中心|公司|集团|局|委(?![托派屈]))")]
    private static partial Regex UnitLikeName();
}
