using Assistant.Index.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Search;

namespace Assistant.Index.Understanding;

/// <summary>A target (a measure's ref, <c>附件6:</c> an indicator, <c>街道:</c> a street-table column) and how well a question matches one of its alternate questions.</summary>
public sealed record AlternateHit(string Target, string Question, double Similarity);

/// <summary>
/// The alternate questions in a Lucene index of their own: one document per question, its topic (what the question
/// reader leaves once names, cue and function words are gone, in the plan's words) analysed as the measure index
/// analyses measure text (SmartCn words and CJK bigrams). Lucene finds candidates; the similarity that decides is a
/// rarity-weighted overlap of topic bigrams, comparable across questions (BM25 scores are not).
/// </summary>
public sealed class AlternateIndex : IDisposable
{
    public const string DistrictPrefix = "附件6:";
    public const string StreetPrefix = "街道:";

    private const string WordsField = "alt";
    private const string BigramsField = "alt_bi";
    private const int MaxTerms = 80;
    private const int Candidates = 40;

    private readonly MemoryIndex _index;
    private readonly Analyzer _words;
    private readonly Analyzer _bigrams;
    private readonly Entry[] _entries;
    private readonly Dictionary<string, int> _frequency;

    private sealed record Entry(string Target, string Question, HashSet<string> Bigrams, double Weight);

    private AlternateIndex(MemoryIndex index, Analyzer words, Analyzer bigrams, Entry[] entries, Dictionary<string, int> frequency)
    {
        _index = index;
        _words = words;
        _bigrams = bigrams;
        _entries = entries;
        _frequency = frequency;
    }

    public int Count => _entries.Length;

    /// <param name="topicOf">The topic of a question, as the question reader finds it.</param>
    public static AlternateIndex Build(EverydayWords words, Func<string, string> topicOf)
    {
        var sources = words.Measures.SelectMany(m => m.Questions.All.Select(q => (Target: m.Ref, q.Question)))
            .Concat(words.District.SelectMany(d => d.Questions.Select(q => (Target: DistrictPrefix + d.Name, Question: q))))
            .Concat(words.StreetColumns.SelectMany(c => c.Questions.Select(q => (Target: StreetPrefix + c.Column, Question: q))))
            .Select(x => (x.Target, x.Question, Topic: topicOf(x.Question)))
            .ToList();
        var bigramSets = sources.Select(s => TopicTerms.Of(s.Topic).Bigrams).ToList();
        var frequency = bigramSets.SelectMany(b => b).GroupBy(b => b, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var wordsAnalyzer = PlanAnalyzers.Words();
        var bigramsAnalyzer = PlanAnalyzers.Bigrams();
        var perField = new PerFieldAnalyzerWrapper(wordsAnalyzer, new Dictionary<string, Analyzer> { [BigramsField] = bigramsAnalyzer });
        var entries = sources.Select((s, i) => new Entry(s.Target, s.Question, bigramSets[i], bigramSets[i].Sum(b => Rarity(frequency, sources.Count, b))))
            .ToArray();
        // Document ids are the entries' positions.
        var index = MemoryIndex.Write(perField, sources.Select(s => new Document
        {
            new TextField(WordsField, s.Topic, Field.Store.NO),
            new TextField(BigramsField, s.Topic, Field.Store.NO),
        }), WordsField, BigramsField);
        return new AlternateIndex(index, wordsAnalyzer, bigramsAnalyzer, entries, frequency);
    }

    private static double Rarity(Dictionary<string, int> frequency, int count, string bigram) =>
        Math.Log(1 + count / (1.0 + frequency.GetValueOrDefault(bigram, 1)));

    /// <summary>The best-matching alternate question of each target, best first.</summary>
    public IReadOnlyList<AlternateHit> Match(string topic, int max = 10)
    {
        var terms = TopicTerms.Of(topic);
        if (terms.IsEmpty || _entries.Length == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        // Tokens shared with the measure search, which reads the same topic (segmented once).
        foreach (var word in QuestionTokens.Words(topic).Select(t => t.Term).Distinct().Take(MaxTerms))
        {
            if (_index.Terms.Query(WordsField, word) is { } term)
            {
                query.Add(term, Occur.SHOULD);
            }
        }

        foreach (var bigram in QuestionTokens.Bigrams(topic).Select(t => t.Term).Distinct().Take(MaxTerms))
        {
            if (_index.Terms.Query(BigramsField, bigram) is { } term)
            {
                term.Boost = 0.5f;
                query.Add(term, Occur.SHOULD);
            }
        }

        if (query.Clauses.Count == 0)
        {
            return [];
        }

        double topicWeight = 0;
        foreach (var b in terms.Bigrams)
        {
            topicWeight += Rarity(_frequency, _entries.Length, b);
        }

        var best = new Dictionary<string, AlternateHit>(StringComparer.Ordinal);
        foreach (var sd in _index.Search(query, Candidates))
        {
            var entry = _entries[sd.Doc];
            double shared = 0;
            foreach (var b in terms.Bigrams)
            {
                if (entry.Bigrams.Contains(b))
                {
                    shared += Rarity(_frequency, _entries.Length, b);
                }
            }

            // Weighted Dice: what the question and the alternate have in common, over both.
            var similarity = topicWeight + entry.Weight == 0 ? 0 : 2 * shared / (topicWeight + entry.Weight);
            if (!best.TryGetValue(entry.Target, out var seen) || seen.Similarity < similarity)
            {
                best[entry.Target] = new AlternateHit(entry.Target, entry.Question, similarity);
            }
        }

        return best.Values.OrderByDescending(h => h.Similarity).Take(max).ToList();
    }

    public void Dispose()
    {
        _index.Dispose();
        _words.Dispose();
        _bigrams.Dispose();
    }
}
