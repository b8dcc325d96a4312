using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace Assistant.Index.Search;

/// <summary>
/// A small read-only Lucene index in memory, written once, for the understanding's own indexes: BM25; one segment, so
/// document ids are the order the documents were written in and a hit needs no stored field; every term's statistics
/// read once (<see cref="IndexTerms"/>); hits collected in order (no out-of-order bucket table per search).
/// </summary>
internal sealed class MemoryIndex : IDisposable
{
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    private MemoryIndex(RAMDirectory directory, params string[] fields)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        Terms = IndexTerms.Of(_reader, fields);
    }

    /// <summary>The terms of the searched fields, with their statistics.</summary>
    public IndexTerms Terms { get; }

    /// <param name="fields">The fields queries will search (their terms are read once).</param>
    public static MemoryIndex Write(Analyzer analyzer, IEnumerable<Document> documents, params string[] fields)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(PlanAnalyzers.Version, analyzer) { OpenMode = OpenMode.CREATE, Similarity = new BM25Similarity() }))
        {
            foreach (var document in documents)
            {
                writer.AddDocument(document);
            }

            writer.ForceMerge(1);
            writer.Commit();
        }

        return new MemoryIndex(directory, fields);
    }

    /// <summary>The best <paramref name="max"/> documents, best first; <see cref="ScoreDoc.Doc"/> is the position written.</summary>
    public ScoreDoc[] Search(Query query, int max)
    {
        var collector = TopScoreDocCollector.Create(max, docsScoredInOrder: true);
        _searcher.Search(query, collector);
        return collector.GetTopDocs().ScoreDocs;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
