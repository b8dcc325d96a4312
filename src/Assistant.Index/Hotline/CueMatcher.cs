using System.Collections.Frozen;

namespace Assistant.Index.Hotline;

internal enum CueKind
{
    /// <summary>A category's own cue: counts wherever it stands.</summary>
    Own,
    /// <summary>A noise kind's context cue (工地, 邻居): counts only when the text is about noise.</summary>
    Context,
    /// <summary>A word saying the text is about noise (吵, 噪音), whatever its source.</summary>
    NoiseWord,
    /// <summary>A word that only blocks a shorter cue inside it (影响 holds 响, 推广外卖 holds 广外).</summary>
    Neutral,
}

internal sealed record CueEntry(string? Category, int Weight, CueKind Kind);

internal sealed record CueHit(string Surface, int Start, IReadOnlyList<CueEntry> Entries);

/// <summary>
/// Finds the guide's cue words in a normalised text, left to right, longest word at each position, no overlaps —
/// so a longer word decides what its characters mean (油烟机 is not 油烟, 影响 is not 响).
/// </summary>
internal sealed class CueMatcher
{
    private readonly FrozenDictionary<char, (string Word, CueEntry[] Entries)[]> _words;

    public CueMatcher(HotlineGuide guide)
    {
        var entries = new Dictionary<string, List<CueEntry>>(StringComparer.Ordinal);
        void Add(string word, CueEntry entry)
        {
            if (word.Length == 0)
            {
                return;
            }

            if (!entries.TryGetValue(word, out var list))
            {
                entries[word] = list = [];
            }

            list.Add(entry);
        }

        foreach (var (word, weight) in guide.NoiseWords)
        {
            Add(word, new CueEntry(null, weight, CueKind.NoiseWord));
        }

        foreach (var word in guide.NeutralWords)
        {
            Add(word, new CueEntry(null, 0, CueKind.Neutral));
        }

        foreach (var category in guide.Categories)
        {
            foreach (var (word, weight) in category.Cues)
            {
                Add(word, new CueEntry(category.Name, weight, CueKind.Own));
            }

            foreach (var (word, weight) in category.ContextCues)
            {
                Add(word, new CueEntry(category.Name, weight, CueKind.Context));
            }
        }

        _words = entries
            .GroupBy(e => e.Key[0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(e => e.Key.Length).Select(e => (e.Key, e.Value.ToArray())).ToArray());
    }

    public IReadOnlyList<CueHit> Find(string text)
    {
        var hits = new List<CueHit>();
        var i = 0;
        while (i < text.Length)
        {
            var matched = 0;
            if (_words.TryGetValue(text[i], out var candidates))
            {
                foreach (var (word, entries) in candidates)
                {
                    if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
                    {
                        if (entries.Any(e => e.Kind != CueKind.Neutral))
                        {
                            hits.Add(new CueHit(word, i, entries.Where(e => e.Kind != CueKind.Neutral).ToArray()));
                        }

                        matched = word.Length;
                        break;
                    }
                }
            }

            i += Math.Max(matched, 1);
        }

        return hits;
    }
}
