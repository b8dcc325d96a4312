using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;

namespace Assistant.Index.Search;

/// <summary>One token as an analyzer emitted it: its term, where it stands in the text, and how far it moves the position.</summary>
public readonly record struct TextToken(string Term, int Start, int End, int PositionIncrement, string Type);

/// <summary>
/// A question's SmartCn words and CJK bigrams, made once per text and shared by every step that reads the same text: the
/// measure search and the alternate-question search both read the question's topic, and a follow-up or a widened reading
/// searches it again. SmartCn's HMM segmentation is the dearest step of an uncached answer (≈17 KB and tens of µs a
/// text), and it is a pure function of the text, so a text is segmented once and its tokens are replayed.
/// </summary>
/// <remarks>
/// The cache is per thread and holds the last few texts: an answer is computed on one thread, and what it reads twice it
/// reads within one question, so no lock and nothing kept beyond a handful of short strings. The tokens are those of
/// <see cref="PlanAnalyzers.Words"/> (no synonyms) and <see cref="PlanAnalyzers.Bigrams"/>; the measure index applies its
/// synonyms to the replayed words (<see cref="WithSynonyms"/>), as its analyzer would have to the text.
/// </remarks>
public static class QuestionTokens
{
    private const int Remembered = 8;

    private static readonly Analyzer WordsAnalyzer = PlanAnalyzers.Words();
    private static readonly Analyzer BigramsAnalyzer = PlanAnalyzers.Bigrams();

    [ThreadStatic]
    private static Recent? _words;

    [ThreadStatic]
    private static Recent? _bigrams;

    /// <summary>SmartCn's words of the text: lower case, punctuation dropped (as <see cref="PlanAnalyzers.Words"/> without synonyms).</summary>
    public static IReadOnlyList<TextToken> Words(string text) => (_words ??= new Recent()).Get(text, WordsAnalyzer);

    /// <summary>The text's CJK bigrams and whole Latin/digit words (as <see cref="PlanAnalyzers.Bigrams"/>).</summary>
    public static IReadOnlyList<TextToken> Bigrams(string text) => (_bigrams ??= new Recent()).Get(text, BigramsAnalyzer);

    [ThreadStatic]
    private static SynonymChain? _synonymChain;

    /// <summary>The terms of the words with the synonyms applied, in the order the synonym filter emits them.</summary>
    public static List<string> WithSynonyms(IReadOnlyList<TextToken> words, SynonymMap synonyms)
    {
        // One filter per thread and map, reset for each question, as an analyzer reuses its chain: a new synonym filter
        // allocates ≈16 KB of look-ahead buffers, as much as the segmentation it saves.
        var chain = _synonymChain;
        if (chain is null || !ReferenceEquals(chain.Map, synonyms))
        {
            _synonymChain = chain = new SynonymChain(synonyms);
        }

        return chain.Terms(words);
    }
    /// <summary>Every token the analyzer makes of the text, with offsets, position increment and type.</summary>
    public static TextToken[] Analyze(Analyzer analyzer, string text)
    {
        var tokens = new List<TextToken>();
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new TextToken(term.ToString(), offset.StartOffset, offset.EndOffset, position.PositionIncrement, type.Type));
        }

        stream.End();
        return tokens.ToArray();
    }

    /// <summary>The last few texts analysed on this thread and their tokens, oldest replaced first.</summary>
    private sealed class Recent
    {
        private readonly string?[] _texts = new string?[Remembered];
        private readonly TextToken[][] _tokens = new TextToken[Remembered][];
        private int _next;

        public TextToken[] Get(string text, Analyzer analyzer)
        {
            for (var i = 0; i < Remembered; i++)
            {
                if (string.Equals(_texts[i], text, StringComparison.Ordinal))
                {
                    return _tokens[i];
                }
            }

            var tokens = Analyze(analyzer, text);
            _texts[_next] = text;
            _tokens[_next] = tokens;
            _next = (_next + 1) % Remembered;
            return tokens;
        }
    }

    /// <summary>A synonym filter over replayed tokens, kept and reset like an analyzer's chain (never disposed: reused).</summary>
    private sealed class SynonymChain
    {
        private readonly Replay _replay = new();
        private readonly SynonymFilter _filter;
        private readonly ICharTermAttribute _term;

        public SynonymChain(SynonymMap map)
        {
            Map = map;
            _filter = new SynonymFilter(_replay, map, ignoreCase: true);
            _term = _filter.AddAttribute<ICharTermAttribute>();
        }

        public SynonymMap Map { get; }

        public List<string> Terms(IReadOnlyList<TextToken> words)
        {
            var terms = new List<string>(words.Count + 4);
            _replay.Tokens = words;
            _filter.Reset();
            while (_filter.IncrementToken())
            {
                terms.Add(_term.ToString());
            }

            _filter.End();
            return terms;
        }
    }

    /// <summary>Tokens made before, played back as a token stream (for the synonym filter).</summary>
    private sealed class Replay : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private readonly IPositionIncrementAttribute _position;
        private readonly ITypeAttribute _type;
        private int _index;

        public IReadOnlyList<TextToken> Tokens { get; set; } = [];

        public Replay()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
            _position = AddAttribute<IPositionIncrementAttribute>();
            _type = AddAttribute<ITypeAttribute>();
        }

        public override bool IncrementToken()
        {
            if (_index >= Tokens.Count)
            {
                return false;
            }

            ClearAttributes();
            var token = Tokens[_index++];
            _term.SetEmpty().Append(token.Term);
            _offset.SetOffset(token.Start, token.End);
            _position.PositionIncrement = token.PositionIncrement;
            _type.Type = token.Type;
            return true;
        }

        public override void End()
        {
            base.End();
            var end = Tokens.Count == 0 ? 0 : Tokens[^1].End;
            _offset.SetOffset(end, end);
        }

        public override void Reset()
        {
            base.Reset();
            _index = 0;
        }
    }
}
