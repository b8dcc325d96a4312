using Assistant.Index.Knowledge;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Assistant.Index.Search;

/// <summary>
/// The analyzers of the index. SmartCn words (with the project's synonyms: 噪音 → 噪声) for precision, CJK bigrams
/// for recall on words SmartCn splits or does not know.
/// </summary>
public static class PlanAnalyzers
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>SmartCn words: HMM tokenizer, lower case, punctuation dropped (its stop set is punctuation only).</summary>
    public static Analyzer Words(SynonymMap? synonyms = null) => new WordsAnalyzer(synonyms);

    /// <summary>Overlapping CJK bigrams; Latin and digits as whole lower-cased words.</summary>
    public static Analyzer Bigrams() => new BigramAnalyzer();

    /// <summary>Maps each colloquial variant to the plan's word, both analysed by SmartCn.</summary>
    public static SynonymMap BuildSynonyms(IEnumerable<SynonymGroup> groups)
    {
        using var plain = new WordsAnalyzer(null);
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var group in groups)
        {
            var canonical = SynonymMap.Builder.Join(Tokens(plain, group.Canonical).ToArray(), new CharsRef());
            foreach (var variant in group.Variants)
            {
                var words = Tokens(plain, variant).ToArray();
                if (words.Length > 0 && !string.Equals(variant, group.Canonical, StringComparison.Ordinal))
                {
                    // keepOrig: the variant stays searchable too (烧烤 is a word of its own as well).
                    builder.Add(SynonymMap.Builder.Join(words, new CharsRef()), canonical, includeOrig: true);
                }
            }
        }

        return builder.Build();
    }

    /// <summary>The terms an analyzer makes of a text (disposes the stream: Lucene requires it).</summary>
    public static List<string> Tokens(Analyzer analyzer, string text, string field = "text")
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    private sealed class WordsAnalyzer(SynonymMap? synonyms) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new HMMChineseTokenizer(reader);
            TokenStream stream = new LowerCaseFilter(Version, tokenizer);
            stream = new StopFilter(Version, stream, SmartChineseAnalyzer.DefaultStopSet);
            if (synonyms is not null)
            {
                stream = new SynonymFilter(stream, synonyms, ignoreCase: true);
            }

            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    private sealed class BigramAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new CJKWidthFilter(tokenizer);
            stream = new LowerCaseFilter(Version, stream);
            stream = new CJKBigramFilter(stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
