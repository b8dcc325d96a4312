using System.Collections.Frozen;

namespace Assistant.Index.Knowledge;

/// <summary>A unit, street or place found in a text; a boundary road names neither unit nor street.</summary>
public sealed record Mention(string Surface, int Start, Unit? Unit, Street? Street, bool IsPlace)
{
    public int End => Start + Surface.Length;
}

/// <summary>
/// Dictionary recognition of units, streets and places, and colloquial-to-plan rewriting. SmartCn has no user
/// dictionary and splits these names (区生态环境局 → 区|生态|环境|局), so they are found here first, longest match wins.
/// Texts are expected normalised (<see cref="Search.ChineseText.Normalize"/>).
/// </summary>
public sealed partial class Gazetteer
{
    private readonly FrozenDictionary<char, (string Surface, Unit? Unit, Street? Street, bool IsPlace)[]> _names;
    private readonly Understanding.EverydayVocabulary _vocabulary;
    private readonly (string Word, IReadOnlyList<Unit> Units)[] _ambiguous;

    public Gazetteer(KnowledgeBase knowledge)
    {
        var entries = new Dictionary<string, (Unit?, Street?, bool)>(StringComparer.Ordinal);
        foreach (var unit in knowledge.Units)
        {
            Add(entries, unit.Name, (unit, null, false));
            if (unit.Name.StartsWith('区') && unit.Name.Length > 3)
            {
                Add(entries, unit.Name[1..], (unit, null, false));
            }

            foreach (var alias in unit.Aliases)
            {
                Add(entries, alias, (unit, null, false));
            }
        }

        foreach (var street in knowledge.Streets)
        {
            Add(entries, street.Name, (null, street, false), overwrite: true);
            Add(entries, street.SeedName, (null, street, false), overwrite: true);
            Add(entries, street.Office, (null, street, false), overwrite: true);
            foreach (var shortName in street.ShortNames)
            {
                Add(entries, shortName, (null, street, false), overwrite: true);
                Add(entries, shortName + "街道", (null, street, false), overwrite: true);
            }

            foreach (var place in street.Places)
            {
                Add(entries, place, (null, street, true));
            }
        }

        // A road between streets is read as a name of no street, so that the short name inside it is not read instead
        // (新街口南大街 is not 新街口街道's alone): a wrong street office is worse than none.
        foreach (var road in knowledge.BoundaryRoads)
        {
            Add(entries, road, (null, null, false), overwrite: true);
        }

        // Everyday names for units (knowledge/understanding/units.json), after the curated aliases — but not a word the
        // plan uses for a thing (邮政 in 邮政车, 环卫 in 环卫车): read as a unit it would leave the question's topic.
        var planWords = string.Join("|", knowledge.Plan.Measures.Select(m => $"{m.TaskName}|{m.Text}"));
        foreach (var name in knowledge.Units.Select(u => u.Name).OrderByDescending(n => n.Length))
        {
            planWords = planWords.Replace(name, "|", StringComparison.Ordinal);
        }

        planWords = Search.ChineseText.Normalize(planWords);
        foreach (var nick in knowledge.Everyday.Units)
        {
            if (knowledge.FindUnit(nick.Name) is { } unit)
            {
                foreach (var word in nick.Everyday.Where(w => !planWords.Contains(Search.ChineseText.Normalize(w), StringComparison.Ordinal)))
                {
                    Add(entries, word, (unit, null, false));
                }
            }
        }

        _staffNames = knowledge.Everyday.Units
            .SelectMany(n => (n.Staff ?? []).Select(w => (Word: Search.ChineseText.Normalize(w), Unit: knowledge.FindUnit(n.Name))))
            .Where(x => x.Unit is not null && x.Word.Length >= 2)
            .Select(x => (x.Word, x.Unit!))
            .OrderByDescending(x => x.Word.Length)
            .ToArray();

        // A nickname that means different units to different people (城管) is not read as one of them here; where a
        // curated alias gives it one, the answer says which others it may mean (AmbiguousUnits).
        _ambiguous = knowledge.Everyday.Ambiguous
            .Select(a => (Word: Search.ChineseText.Normalize(a.Word), Units: (IReadOnlyList<Unit>)a.Units.Select(knowledge.FindUnit).OfType<Unit>().Distinct().ToList()))
            .Where(a => a.Word.Length >= 2 && a.Units.Count > 1)
            .OrderByDescending(a => a.Word.Length)
            .ToArray();

        _names = entries
            .Select(e => (Surface: e.Key, e.Value.Item1, e.Value.Item2, e.Value.Item3))
            .GroupBy(e => e.Surface[0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Surface.Length).ToArray());

        _vocabulary = new Understanding.EverydayVocabulary(knowledge);
    }

    private static void Add(Dictionary<string, (Unit?, Street?, bool)> entries, string surface, (Unit?, Street?, bool) value, bool overwrite = false)
    {
        surface = Search.ChineseText.Normalize(surface);
        if (surface.Length < 2)
        {
            return;
        }

        if (overwrite || !entries.ContainsKey(surface))
        {
            entries[surface] = value;
        }
    }

    /// <summary>Every name in the text, left to right, longest match at each position, no overlaps.</summary>
    public IReadOnlyList<Mention> Find(string text)
    {
        var found = new List<Mention>();
        var i = 0;
        while (i < text.Length)
        {
            Mention? hit = null;
            if (_names.TryGetValue(text[i], out var candidates))
            {
                foreach (var (surface, unit, street, isPlace) in candidates)
                {
                    if (string.CompareOrdinal(text, i, surface, 0, surface.Length) == 0)
                    {
                        hit = new Mention(surface, i, unit, street, isPlace);
                        break;
                    }
                }
            }

            if (hit is null)
            {
                i++;
                continue;
            }

            found.Add(hit);
            i = hit.End;
        }

        return found;
    }

    private readonly (string Word, Unit Unit)[] _staffNames;

    /// <summary>
    /// The unit a staff member names by its bare word at the head of the question (我们园林今年牵头的活儿, 水务这块儿年底到期的):
    /// a word the plan also uses for a thing, so only there, and only read by the caller for a question about duties.
    /// </summary>
    public (Unit Unit, string Word)? StaffUnit(string normalized)
    {
        var head = StaffHead().Replace(normalized, "");
        // 街道上的洒水车: a place word, not the staff's own unit.
        var found = _staffNames.FirstOrDefault(s => head.StartsWith(s.Word, StringComparison.Ordinal)
            && !(head.Length > s.Word.Length && "上里边旁两".Contains(head[s.Word.Length], StringComparison.Ordinal)));
        return found.Unit is null ? null : (found.Unit, found.Word);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:我们是|我是|我们|咱们|咱|俺们)?(?:区里)?")]
    private static partial System.Text.RegularExpressions.Regex StaffHead();

    public IReadOnlyList<Unit> FindUnits(string text) =>
        Find(text).Where(m => m.Unit is not null).Select(m => m.Unit!).Distinct().ToList();

    public IReadOnlyList<Street> FindStreets(string text) =>
        Find(text).Where(m => m.Street is not null).Select(m => m.Street!).Distinct().ToList();

    /// <summary>
    /// Rewrites everyday words into the plan's (噪音 → 噪声, 饭馆排烟 → 餐饮油烟), longest first, never inside a name:
    /// knowledge/understanding/ concepts and knowledge/synonyms.json.
    /// </summary>
    public string ToPlanVocabulary(string text) => _vocabulary.ToPlanWords(text, Find(text));

    /// <summary>The everyday words of a text, with the plan's words and the measures they stand for.</summary>
    public IReadOnlyList<Understanding.EverydayHit> EverydayWords(string text) => _vocabulary.Find(text, Find(text));

    /// <summary>Nicknames in a text that mean different units to different people (城管: 区城市管理委 or 区城管执法局).</summary>
    public IReadOnlyList<(string Word, IReadOnlyList<Unit> Units)> AmbiguousUnits(string text) =>
        _ambiguous.Where(a => text.Contains(a.Word, StringComparison.Ordinal)
                && !_ambiguous.Any(b => b.Word.Length > a.Word.Length && b.Word.Contains(a.Word, StringComparison.Ordinal) && text.Contains(b.Word, StringComparison.Ordinal)))
            .ToList();
}
