using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Assistant.Index.Search;

/// <summary>
/// Every term of a read-only index with its statistics, read once when the index opens. A search then builds each
/// <see cref="TermQuery"/> with its <see cref="TermContext"/> and leaves out the words the index does not hold.
/// </summary>
/// <remarks>
/// Why: without a context, each term query seeks the term dictionary to build one, allocating term enumerators
/// (≈8 KB a term, ≈170 KB a question), and most of a question's bigrams are not in the plan at all. Leaving those
/// out changes no score: under BM25 a missing term scores nothing and there is no coord or query norm.
/// </remarks>
internal sealed class IndexTerms
{
    private readonly Dictionary<string, Dictionary<string, TermContext>> _byField = new(StringComparer.Ordinal);

    private IndexTerms()
    {
    }

    /// <summary>Reads the terms of the given fields from every segment of the reader.</summary>
    public static IndexTerms Of(IndexReader reader, params string[] fields)
    {
        var terms = new IndexTerms();
        var top = reader.Context;
        foreach (var field in fields)
        {
            var contexts = new Dictionary<string, TermContext>(StringComparer.Ordinal);
            foreach (var leaf in reader.Leaves)
            {
                var te = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
                while (te is not null && te.MoveNext())
                {
                    var text = te.Term.Utf8ToString();
                    if (!contexts.TryGetValue(text, out var context))
                    {
                        contexts[text] = context = new TermContext(top);
                    }

                    context.Register(te.GetTermState(), leaf.Ord, te.DocFreq, te.TotalTermFreq);
                }
            }

            terms._byField[field] = contexts;
        }

        return terms;
    }

    /// <summary>How many documents hold the term (0 when none does).</summary>
    public int DocFreq(string field, string text) =>
        _byField.TryGetValue(field, out var contexts) && contexts.TryGetValue(text, out var context) ? context.DocFreq : 0;

    /// <summary>A query for the term with its statistics, or null when the index does not hold it.</summary>
    public TermQuery? Query(string field, string text) =>
        _byField.TryGetValue(field, out var contexts) && contexts.TryGetValue(text, out var context)
            ? new TermQuery(new Term(field, text), context)
            : null;
}
