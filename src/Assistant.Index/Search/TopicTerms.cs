namespace Assistant.Index.Search;

/// <summary>
/// The terms of a question's topic, to measure how much of it a measure contains: character bigrams (robust to
/// SmartCn splitting unknown words and to word order) and the topic's phrases verbatim (to prefer the measure that
/// says exactly what was asked).
/// </summary>
public sealed class TopicTerms
{
    private readonly List<string> _phrases;

    private TopicTerms(string normalized, HashSet<string> bigrams, List<string> phrases)
    {
        Normalized = normalized;
        Bigrams = bigrams;
        _phrases = phrases;
    }

    public string Normalized { get; }

    public HashSet<string> Bigrams { get; }

    public bool IsEmpty => Bigrams.Count == 0;

    public static TopicTerms Of(string topic)
    {
        // Bigrams per phrase: no pair across a removed word (专项 执法 → no 项执).
        var phrases = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ChineseText.Normalize)
            .Where(p => p.Length >= 2)
            .ToList();
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
        {
            bigrams.UnionWith(ChineseText.Bigrams(phrase));
        }

        return new TopicTerms(string.Join(" ", phrases), bigrams, phrases);
    }

    /// <summary>
    /// Share of the topic's bigrams found in a text's bigram set, 0..1, each bigram weighted by its rarity in the
    /// plan (<paramref name="weight"/>), so 遗撒 counts for more than 工作; unweighted without one.
    /// </summary>
    public double CoverageIn(HashSet<string> textBigrams, Func<string, double>? weight = null)
    {
        if (IsEmpty)
        {
            return 0;
        }

        double found = 0, total = 0;
        foreach (var bigram in Bigrams)
        {
            var w = weight?.Invoke(bigram) ?? 1;
            total += w;
            if (textBigrams.Contains(bigram))
            {
                found += w;
            }
        }

        return found / total;
    }

    /// <summary>Share of the topic's phrases (its runs between removed words) found verbatim in a text, 0..1.</summary>
    public double PhrasesIn(string normalizedText) =>
        _phrases.Count == 0 ? 0 : _phrases.Count(p => normalizedText.Contains(p, StringComparison.Ordinal)) / (double)_phrases.Count;
}
