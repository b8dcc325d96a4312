using System.Globalization;
using Assistant.Index.Knowledge;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Assistant.Index.Search;

public sealed record MeasureHit(Measure Measure, float Score);

/// <summary>
/// The Lucene index: one document per measure, with its task, units and deadline. Built from the knowledge at
/// start-up (≈200 documents, well under a second) into memory, or into a folder to keep.
/// </summary>
public sealed class MeasureIndex : IDisposable
{
    private const string RefField = "ref";
    private const string TextField = "text";
    private const string TextBigrams = "text_bi";
    private const string TaskField = "task";
    private const string TaskBigrams = "task_bi";
    private const string UnitField = "unit";
    private const string DueField = "due";

    // Long questions would otherwise make thousands of clauses; the first terms carry the topic.
    private const int MaxTermsPerField = 120;

    private readonly KnowledgeBase _knowledge;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _words;
    private readonly Analyzer _bigrams;
    private readonly SynonymMap _synonyms;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Similarity _similarity = new BM25Similarity();
    private readonly IndexTerms _terms;
    private readonly Measure?[] _measures;

    private MeasureIndex(KnowledgeBase knowledge, LuceneDirectory directory, Analyzer words, Analyzer bigrams, SynonymMap synonyms)
    {
        _knowledge = knowledge;
        _directory = directory;
        _words = words;
        _bigrams = bigrams;
        _synonyms = synonyms;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = _similarity };
        // Read once: the index never changes, and a search then neither seeks terms nor loads stored fields.
        _terms = IndexTerms.Of(_reader, TextField, TaskField, TextBigrams, TaskBigrams, UnitField);
        _measures = Enumerable.Range(0, _reader.MaxDoc).Select(d => knowledge.FindMeasure(_searcher.Doc(d).Get(RefField))).ToArray();
    }

    /// <summary>Builds the index in memory (163 measures: a fraction of a second) and opens it.</summary>
    public static MeasureIndex Build(KnowledgeBase knowledge)
    {
        var synonyms = PlanAnalyzers.BuildSynonyms(knowledge.Synonyms);
        var words = PlanAnalyzers.Words(synonyms);
        var bigrams = PlanAnalyzers.Bigrams();
        var perField = new PerFieldAnalyzerWrapper(words, new Dictionary<string, Analyzer>
        {
            [TextBigrams] = bigrams,
            [TaskBigrams] = bigrams,
        });
        LuceneDirectory directory = new RAMDirectory();
        var config = new IndexWriterConfig(PlanAnalyzers.Version, perField)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var measure in knowledge.Plan.Measures)
            {
                writer.AddDocument(ToDocument(measure));
            }

            writer.Commit();
        }

        return new MeasureIndex(knowledge, directory, words, bigrams, synonyms);
    }

    private static Document ToDocument(Measure m)
    {
        var task = $"{m.TaskName} {m.Section}";
        var doc = new Document
        {
            new StringField(RefField, m.Ref, Field.Store.YES),
            new TextField(TextField, m.Text, Field.Store.NO),
            new TextField(TextBigrams, m.Text, Field.Store.NO),
            new TextField(TaskField, task, Field.Store.NO),
            new TextField(TaskBigrams, task, Field.Store.NO),
        };
        foreach (var unit in m.LeadUnits.Concat(m.CoUnits))
        {
            doc.Add(new StringField(UnitField, unit, Field.Store.NO));
        }

        if (m.Deadline.By is { } by)
        {
            doc.Add(new Int32Field(DueField, int.Parse(by.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), Field.Store.NO));
        }

        return doc;
    }

    /// <summary>
    /// Ranks measures for free text. Built programmatically (never through QueryParser), so any user input is safe.
    /// Units named in the question boost the measures they take part in.
    /// </summary>
    public IReadOnlyList<MeasureHit> Search(string text, IReadOnlyCollection<string>? units = null, int max = 10)
    {
        var query = new BooleanQuery();
        // The text's words as the index's analyzer makes them (SmartCn, then the synonyms), from the segmentation the
        // question's other steps share (QuestionTokens): the same terms in the same order, segmented once.
        foreach (var word in QuestionTokens.WithSynonyms(QuestionTokens.Words(text), _synonyms).Distinct().Take(MaxTermsPerField))
        {
            Add(query, TextField, word, 1f);
            Add(query, TaskField, word, 1.5f);
        }

        foreach (var bigram in QuestionTokens.Bigrams(text).Select(t => t.Term).Distinct().Take(MaxTermsPerField))
        {
            Add(query, TextBigrams, bigram, 0.5f);
            Add(query, TaskBigrams, bigram, 0.75f);
        }

        foreach (var unit in units ?? [])
        {
            Add(query, UnitField, unit, 2f);
        }

        if (query.Clauses.Count == 0)
        {
            return [];
        }

        // Documents in order: the same hits as the default out-of-order scorer, without its 2,048-bucket table per search.
        var collector = TopScoreDocCollector.Create(max, docsScoredInOrder: true);
        _searcher.Search(query, collector);
        var top = collector.GetTopDocs();
        var hits = new List<MeasureHit>(top.ScoreDocs.Length);
        foreach (var sd in top.ScoreDocs)
        {
            if (_measures[sd.Doc] is { } measure)
            {
                hits.Add(new MeasureHit(measure, sd.Score));
            }
        }

        return hits;
    }

    /// <summary>A word the index holds in the field, as a should-clause with the field's boost; other words are left out.</summary>
    private void Add(BooleanQuery query, string field, string word, float boost)
    {
        if (_terms.Query(field, word) is { } term)
        {
            term.Boost = boost;
            query.Add(term, Occur.SHOULD);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _words.Dispose();
        _bigrams.Dispose();
    }
}
