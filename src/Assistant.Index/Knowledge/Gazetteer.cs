using System.Collections.Frozen;
using System.Text;

namespace Assistant.Index.Knowledge;

/// <summary>A unit, street or place found in a text.</summary>
public sealed record Mention(string Surface, int Start, Unit? Unit, Street? Street, bool IsPlace)
{
    public int End => Start + Surface.Length;
}

/// <summary>
/// Dictionary recognition of units, streets and places, and colloquial-to-plan rewriting. SmartCn has no user
/// dictionary and splits these names (区生态环境局 → 区|生态|环境|局), so they are found here first, longest match wins.
/// Texts are expected normalised (<see cref="Search.ChineseText.Normalize"/>).
/// </summary>
public sealed class Gazetteer
{
    private readonly FrozenDictionary<char, (string Surface, Unit? Unit, Street? Street, bool IsPlace)[]> _names;
    private readonly (string Variant, string Canonical)[] _synonyms;

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

        _names = entries
            .Select(e => (Surface: e.Key, e.Value.Item1, e.Value.Item2, e.Value.Item3))
            .GroupBy(e => e.Surface[0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Surface.Length).ToArray());

        _synonyms = knowledge.Synonyms
            .SelectMany(g => g.Variants.Where(v => v.Length > 0 && !g.Canonical.Contains(v, StringComparison.Ordinal))
                .Select(v => (Variant: v, g.Canonical)))
            .OrderByDescending(p => p.Variant.Length)
            .ToArray();
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

    public IReadOnlyList<Unit> FindUnits(string text) =>
        Find(text).Where(m => m.Unit is not null).Select(m => m.Unit!).Distinct().ToList();

    public IReadOnlyList<Street> FindStreets(string text) =>
        Find(text).Where(m => m.Street is not null).Select(m => m.Street!).Distinct().ToList();

    /// <summary>Rewrites colloquial words into the plan's (噪音 → 噪声), longest variant first.</summary>
    public string ToPlanVocabulary(string text)
    {
        if (_synonyms.Length == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var replaced = false;
            foreach (var (variant, canonical) in _synonyms)
            {
                if (variant[0] == text[i] && string.CompareOrdinal(text, i, variant, 0, variant.Length) == 0)
                {
                    sb.Append(canonical);
                    i += variant.Length;
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                sb.Append(text[i]);
                i++;
            }
        }

        return sb.ToString();
    }
}
