using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Understanding;

/// <summary>An everyday word found in a question, the plan's word it stands for, and the measures whose concept it is.</summary>
public sealed record EverydayHit(string Word, string Plan, int Start, IReadOnlyList<string> Refs);

/// <summary>
/// Rewrites people's words into the plan's (饭馆排烟 → 餐饮油烟, 烧树叶 → 露天焚烧) before a question is read: the
/// concepts of knowledge/understanding/ and the older knowledge/synonyms.json. Longest match first; concept words
/// shorter than 2 characters are never used (a single character sits inside too many unrelated words), and nothing is
/// rewritten inside a unit's, street's or place's name.
/// </summary>
public sealed partial class EverydayVocabulary
{
    private readonly FrozenDictionary<char, Entry[]> _entries;

    /// <param name="Kept">Plan terms the everyday word itself holds (叉车 in 叉车改电动 → 电动化): said before the plan term, not lost.</param>
    private sealed record Entry(string Word, string Plan, IReadOnlyList<string> Refs, string Kept = "");

    public EverydayVocabulary(KnowledgeBase knowledge)
    {
        var words = new Dictionary<string, Entry>(StringComparer.Ordinal);
        // A word the plan itself uses (叉车, 小区, 比例) is already the plan's and is searched as it is; a question word
        // (谁负责, 几天) shapes the question and is not a thing.
        var planText = string.Join("|", knowledge.Plan.Measures.Select(m => $"{m.TaskName}|{m.Section}|{m.Text}")
            .Concat(knowledge.Plan.DistrictTargets.Select(t => t.Name)).Select(ChineseText.Normalize));

        // Concepts: an everyday word may stand for several plan terms (油烟味 → 餐饮油烟 in one measure, 油烟 in
        // another). The term most concepts give wins, then the shorter (more general) one; every measure stays linked.
        var fromConcepts = knowledge.Everyday.Measures
            .SelectMany(m => m.Concepts.SelectMany(c => c.Everyday.Select(w => (Word: ChineseText.Normalize(w), Plan: ChineseText.Normalize(c.Plan), m.Ref))))
            .Concat(knowledge.Everyday.District.SelectMany(d => d.Concepts.SelectMany(c => c.Everyday.Select(w => (Word: ChineseText.Normalize(w), Plan: ChineseText.Normalize(c.Plan), Ref: "附件6")))))
            .Concat(knowledge.Everyday.StreetColumns.SelectMany(s => s.Concepts.SelectMany(c => c.Everyday.Select(w => (Word: ChineseText.Normalize(w), Plan: ChineseText.Normalize(c.Plan), Ref: "附件1")))))
            .Where(x => x.Word.Length >= 2 && x.Word != x.Plan && !x.Plan.Contains(x.Word, StringComparison.Ordinal)
                && !planText.Contains(x.Word, StringComparison.Ordinal) && !Interrogative().IsMatch(x.Word));
        foreach (var group in fromConcepts.GroupBy(x => x.Word))
        {
            var plan = group.GroupBy(x => x.Plan).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Length).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            words[group.Key] = new Entry(group.Key, plan, group.Select(x => x.Ref).Distinct().ToList());
        }

        // Everyday names for the plan's periods: the street table's 一季度.
        foreach (var (word, plan) in PeriodWords)
        {
            words.TryAdd(word, new Entry(word, plan, []));
        }

        // synonyms.json, tuned on the project's question sets, keeps its word where both give one.
        foreach (var group in knowledge.Synonyms)
        {
            var canonical = ChineseText.Normalize(group.Canonical);
            foreach (var variant in group.Variants.Select(ChineseText.Normalize))
            {
                if (variant.Length > 0 && !canonical.Contains(variant, StringComparison.Ordinal))
                {
                    words[variant] = new Entry(variant, canonical, words.TryGetValue(variant, out var e) ? e.Refs : []);
                }
            }
        }

        // A plan term inside an everyday word (快递 in 快递车换电动, 加油站 in 查加油站) names the thing as the plan does:
        // rewriting the word keeps it.
        var planTerms = knowledge.Everyday.Measures.SelectMany(m => m.Concepts.Select(c => ChineseText.Normalize(c.Plan)))
            .Where(t => t.Length >= 2).ToHashSet(StringComparer.Ordinal);
        // Every three characters in a row of the plan: a run of the word is looked for in the plan only when all of its are.
        var planTrigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= planText.Length; i++)
        {
            planTrigrams.Add(planText.Substring(i, 3));
        }

        foreach (var e in words.Values.ToList())
        {
            var inside = Substrings(e.Word).Where(planTerms.Contains).Concat(PlanRuns(e.Word, planText, planTrigrams))
                .Where(t => !e.Plan.Contains(t, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            var kept = inside.Where(t => !inside.Any(o => o.Length > t.Length && o.Contains(t, StringComparison.Ordinal))).ToList();
            if (kept.Count > 0)
            {
                words[e.Word] = e with { Kept = string.Concat(kept.OrderBy(t => e.Word.IndexOf(t, StringComparison.Ordinal))) };
            }
        }

        _entries = words.Values.GroupBy(e => e.Word[0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Word.Length).ToArray());
    }

    /// <summary>A word's substrings of two or more characters, the word itself aside.</summary>
    private static IEnumerable<string> Substrings(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            for (var length = 2; i + length <= word.Length && length < word.Length; length++)
            {
                yield return word.Substring(i, length);
            }
        }
    }

    /// <summary>Runs of three or more characters of a word that the plan's text holds (水源地 in 水源地执法).</summary>
    private static IEnumerable<string> PlanRuns(string word, string planText, HashSet<string> planTrigrams)
    {
        for (var i = 0; i < word.Length; i++)
        {
            for (var length = word.Length - i; length >= 3; length--)
            {
                var run = word.Substring(i, length);
                if (length < word.Length && AllTrigramsIn(run, planTrigrams) && (length == 3 || planText.Contains(run, StringComparison.Ordinal)))
                {
                    yield return run;
                    break;
                }
            }
        }
    }

    private static bool AllTrigramsIn(string run, HashSet<string> trigrams)
    {
        for (var i = 0; i + 3 <= run.Length; i++)
        {
            if (!trigrams.Contains(run.Substring(i, 3)))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly (string Word, string Plan)[] PeriodWords =
    [
        ("头仨月", "一季度"), ("前仨月", "一季度"), ("头三个月", "一季度"), ("前三个月", "一季度"), ("开年仨月", "一季度"),
        ("一到三月", "一季度"), ("1到3月", "一季度"), ("1-3月", "一季度"), ("开春那仨月", "一季度"),
    ];

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>The everyday words in a normalised text, left to right, longest first, none inside a protected span.</summary>
    public IReadOnlyList<EverydayHit> Find(string text, IReadOnlyList<Mention>? names = null)
    {
        var hits = new List<EverydayHit>();
        var i = 0;
        var n = 0;
        while (i < text.Length)
        {
            // Names (区生态环境局, 什刹海) are read as names, never as everyday words.
            while (names is not null && n < names.Count && names[n].End <= i)
            {
                n++;
            }

            if (names is not null && n < names.Count && names[n].Start <= i)
            {
                i = names[n].End;
                continue;
            }

            Entry? hit = null;
            if (_entries.TryGetValue(text[i], out var candidates))
            {
                foreach (var e in candidates)
                {
                    if (string.CompareOrdinal(text, i, e.Word, 0, e.Word.Length) == 0
                        && (names is null || n >= names.Count || i + e.Word.Length <= names[n].Start))
                    {
                        hit = e;
                        break;
                    }
                }
            }

            if (hit is null)
            {
                i++;
                continue;
            }

            hits.Add(new EverydayHit(hit.Word, hit.Kept + hit.Plan, i, hit.Refs));
            i += hit.Word.Length;
        }

        return hits;
    }

    /// <summary>The text with every everyday word replaced by the plan's.</summary>
    public string ToPlanWords(string text, IReadOnlyList<Mention>? names = null)
    {
        var hits = Find(text, names);
        if (hits.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var hit in hits)
        {
            sb.Append(text, at, hit.Start - at).Append(hit.Plan);
            at = hit.Start + hit.Word.Length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    [GeneratedRegex(@"谁|哪|什么|啥|多少|几|怎么|吗|呢")]
    private static partial Regex Interrogative();
}
