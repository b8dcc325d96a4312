using Assistant.Index.Answers;
using Assistant.Index.Search;

namespace Assistant.Index.Tests;

/// <summary>
/// The shared segmentation (<see cref="QuestionTokens"/>) gives every step the tokens its own analyzer would have made:
/// the reader's function-word pass, the measure search (with the synonyms) and the alternate-question search.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class QuestionTokensTests(PlanFixture plan)
{
    /// <summary>Every question of every evaluation set (earlier dialogue turns too), normalised, and the topic the reader finds in it.</summary>
    private List<string> Texts()
    {
        var questions = Directory.GetFiles(Path.Combine(plan.RepositoryRoot, "tests", "eval"), "*.jsonl")
            .Where(f => !Path.GetFileName(f).StartsWith("complaints", StringComparison.Ordinal))
            .SelectMany(Evaluator.Read)
            .SelectMany(item => (item.Context ?? []).Append(item.Question))
            .Concat(plan.Knowledge.Everyday.Measures.SelectMany(m => m.Questions.All.Select(q => q.Question)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(questions.Count > 2000, $"only {questions.Count} questions");
        return questions.SelectMany(q => new[] { q, ChineseText.Normalize(q), plan.Runtime.Answers.Reader.Read(q).Topic })
            .Distinct(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Shared_words_and_bigrams_are_the_analyzers_tokens()
    {
        using var words = PlanAnalyzers.Words();
        using var bigrams = PlanAnalyzers.Bigrams();
        var differ = Texts()
            .Where(t => !QuestionTokens.Words(t).Select(w => w.Term).SequenceEqual(PlanAnalyzers.Tokens(words, t))
                || !QuestionTokens.Bigrams(t).Select(w => w.Term).SequenceEqual(PlanAnalyzers.Tokens(bigrams, t)))
            .ToList();
        Assert.Empty(differ);
    }

    [Fact]
    public void Synonyms_applied_to_the_shared_words_are_what_the_index_analyzer_makes()
    {
        var synonyms = PlanAnalyzers.BuildSynonyms(plan.Knowledge.Synonyms);
        using var analyzer = PlanAnalyzers.Words(synonyms);
        var texts = Texts();
        var differ = texts
            .Where(t => !QuestionTokens.WithSynonyms(QuestionTokens.Words(t), synonyms).SequenceEqual(PlanAnalyzers.Tokens(analyzer, t)))
            .ToList();
        Assert.Empty(differ);
        // The check means something only if synonyms fire on these texts.
        Assert.True(texts.Count(t => QuestionTokens.WithSynonyms(QuestionTokens.Words(t), synonyms).Count > QuestionTokens.Words(t).Count) > 100);
    }

    [Fact]
    public void Shared_words_keep_the_analyzers_offsets()
    {
        // The reader blanks function words by these offsets. (SmartCn may join characters across a space — 人定湖 水绿 gives
        // 湖水 — so a word's offsets are not always where its term stands in the text; they must be the analyzer's.)
        using var words = PlanAnalyzers.Words();
        var differ = Texts().Where(t => !QuestionTokens.Words(t).Select(w => (w.Term, w.Start, w.End)).SequenceEqual(Offsets(words, t))).ToList();
        Assert.Empty(differ);
    }

    private static List<(string, int, int)> Offsets(Lucene.Net.Analysis.Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int)>();
        using var stream = analyzer.GetTokenStream("topic", text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }

    [Fact]
    public void A_text_is_segmented_once_per_thread_while_it_is_recent()
    {
        var text = "楼下饭馆油烟太呛了谁管";
        var first = QuestionTokens.Words(text);
        Assert.Same(first, QuestionTokens.Words(text));
        Assert.Same(QuestionTokens.Bigrams(text), QuestionTokens.Bigrams(text));

        // Another thread segments for itself (no shared state to lock), with the same result.
        IReadOnlyList<TextToken>? other = null;
        var thread = new Thread(() => other = QuestionTokens.Words(text));
        thread.Start();
        thread.Join();
        Assert.NotSame(first, other);
        Assert.Equal(first, other!);

        // Many other texts later it is segmented again (the cache keeps a few texts only), with the same result.
        for (var i = 0; i < 20; i++)
        {
            QuestionTokens.Words($"第{i}个问题");
        }

        var again = QuestionTokens.Words(text);
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }
}
