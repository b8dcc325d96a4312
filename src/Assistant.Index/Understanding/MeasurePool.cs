using Assistant.Index.Knowledge;
using Assistant.Index.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Search;

namespace Assistant.Index.Understanding;

/// <summary>A measure and how well its pooled words match a topic: BM25, and the rarity-weighted share of the topic found.</summary>
public sealed record PoolHit(string Ref, double Score, double Coverage);

/// <summary>
/// Everything said about one measure, pooled into one document: its task name and text, its concepts in plan and
/// everyday words, and the topics of all its alternate questions. An everyday question shares a little with several
/// alternate questions and with the plan's wording; no single one of them may hold enough of it, the pool does.
/// Character bigrams with BM25: robust to word order and to words SmartCn does not know.
/// </summary>
public sealed class MeasurePool : IDisposable
{
    private const string PoolField = "pool";
    private const int MaxTerms = 80;
    private const int UnseenFrequency = 3;

    private readonly MemoryIndex _index;
    private readonly Analyzer _bigrams;
    private readonly string[] _refs;
    private readonly HashSet<string>[] _terms;

    private MeasurePool(MemoryIndex index, Analyzer bigrams, string[] refs, HashSet<string>[] terms)
    {
        _index = index;
        _bigrams = bigrams;
        _refs = refs;
        _terms = terms;
    }

    /// <param name="topicOf">The question reader's topic of an alternate question (as a user's question is read).</param>
    public static MeasurePool Build(KnowledgeBase knowledge, Func<string, string> topicOf)
    {
        var byRef = knowledge.Everyday.Measures.ToDictionary(m => m.Ref, StringComparer.Ordinal);
        var bigrams = PlanAnalyzers.Bigrams();
        var measures = knowledge.Plan.Measures.ToList();
        var texts = new string[measures.Count];
        var terms = new HashSet<string>[measures.Count];
        for (var i = 0; i < measures.Count; i++)
        {
            var m = measures[i];
            var parts = new List<string> { m.TaskName, m.Text };
            if (byRef.TryGetValue(m.Ref, out var everyday))
            {
                parts.AddRange(everyday.Concepts.SelectMany(c => c.Everyday.Prepend(c.Plan)));
                parts.AddRange(everyday.Questions.All.Select(q => topicOf(q.Question)));
            }

            // Separate parts by a full stop: no bigram across two of them.
            texts[i] = string.Join("。", parts.Select(ChineseText.Normalize));
            terms[i] = PlanAnalyzers.Tokens(bigrams, texts[i]).ToHashSet(StringComparer.Ordinal);
        }

        // Document ids are the measures' positions.
        var index = MemoryIndex.Write(bigrams, texts.Select(text => new Document { new TextField(PoolField, text, Field.Store.NO) }), PoolField);
        return new MeasurePool(index, bigrams, measures.Select(m => m.Ref).ToArray(), terms);
    }

    /// <summary>The measures whose pooled words best match the topic, best first.</summary>
    public IReadOnlyList<PoolHit> Search(string topic, int max = 10)
    {
        // A lone character left between removed words (钱, 块, 完) is no topic: only bigrams and Latin words count.
        var tokens = PlanAnalyzers.Tokens(_bigrams, ChineseText.Normalize(topic))
            .Where(t => t.Length > 1 || !ChineseText.IsCjk(t[0]))
            .Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        if (tokens.Count == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        var weights = new double[tokens.Count];
        double total = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            // BM25's idf. A bigram no measure has counts as a fairly rare one: often it is colloquial or spans two words
            // (污花 in 治污花的钱), so it must not sink a match alone; a topic made only of such bigrams still fails.
            var term = _index.Terms.Query(PoolField, tokens[i]);
            var df = Math.Max(_index.Terms.DocFreq(PoolField, tokens[i]), UnseenFrequency);
            weights[i] = Math.Log(1 + (_refs.Length - df + 0.5) / (df + 0.5));
            total += weights[i];
            if (term is not null)
            {
                query.Add(term, Occur.SHOULD);
            }
        }

        if (query.Clauses.Count == 0)
        {
            return [];
        }

        var hits = new List<PoolHit>(max);
        foreach (var sd in _index.Search(query, max))
        {
            var id = sd.Doc;
            double found = 0;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (_terms[id].Contains(tokens[i]))
                {
                    found += weights[i];
                }
            }

            hits.Add(new PoolHit(_refs[id], sd.Score, total == 0 ? 0 : found / total));
        }

        return hits;
    }

    public void Dispose()
    {
        _index.Dispose();
        _bigrams.Dispose();
    }
}
