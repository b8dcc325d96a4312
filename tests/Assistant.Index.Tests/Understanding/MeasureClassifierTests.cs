using Assistant.Index.Understanding;

namespace Assistant.Index.Tests.Understanding;

[Collection(PlanCollection.Name)]
public sealed class MeasureClassifierTests(PlanFixture plan)
{
    // Two sibling measures that share their main word (充电): only the words around it tell them apart.
    private static readonly (string Ref, string Text)[] Siblings =
    [
        ("A", "小区里装充电桩"), ("A", "楼下充电的地方太少"), ("A", "物业不让装充电桩"), ("A", "居民小区停车位充电"),
        ("A", "老小区充电难"), ("A", "小区充电设施建设"),
        ("B", "马路边的公共充电站"), ("B", "路边快充桩"), ("B", "大家都能用的公用充电桩"), ("B", "停车场公共快充"),
        ("B", "街边充电站不够"), ("B", "公共充电设施建设"),
    ];

    [Theory]
    [InlineData("我们小区想装个充电的", "A")]
    [InlineData("马路边公用的快充", "B")]
    public void The_words_around_a_shared_word_tell_siblings_apart(string topic, string expected)
    {
        var classifier = MeasureClassifier.Train(Siblings);

        var best = classifier.Classify(topic);

        Assert.Equal(expected, best[0].Ref);
        Assert.True(best[0].Probability > 0.5, $"{best[0].Ref} {best[0].Probability:0.000}");
    }

    [Fact]
    public void The_same_examples_train_the_same_model()
    {
        var first = MeasureClassifier.Train(Siblings).Classify("充电桩");
        var second = MeasureClassifier.Train(Siblings).Classify("充电桩");

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_same_examples_are_trained_once_per_process_and_other_examples_anew()
    {
        var first = MeasureClassifier.For(Siblings);

        Assert.Same(first, MeasureClassifier.For(Siblings.ToArray()));
        Assert.NotSame(first, MeasureClassifier.For(Siblings.Append(("B", "马路牙子边上的快充")).ToArray()));
    }

    [Fact]
    public void A_topic_of_words_never_seen_finds_nothing_and_no_examples_train_nothing()
    {
        Assert.Empty(MeasureClassifier.Train(Siblings).Classify("天气预报 ok"));
        Assert.Empty(MeasureClassifier.Train([]).Classify("充电桩"));
    }

    [Fact]
    public void Features_are_characters_pairs_and_latin_words_whole()
    {
        var features = MeasureClassifier.Features("PM2.5浓度").ToList();

        Assert.Equal(["pm2.5", "浓", "浓度", "度"], features);
    }

    [Fact]
    public void Trained_on_the_plans_curated_words_it_knows_most_measures_by_their_everyday_words()
    {
        // Each measure's concept words alone (its everyday names for the plan's things, without the plan's word): the
        // classifier trained on the whole understanding folder must place most measures first by them.
        var knowledge = plan.Runtime.Knowledge;
        var examples = PlanUnderstanding.ClassifierExamples(knowledge, text => plan.Runtime.Answers.Reader.Read(text).Topic);
        var classifier = MeasureClassifier.Train(examples);
        var measures = knowledge.Everyday.Measures.Where(m => m.Concepts.Count > 0).ToList();

        var first = measures.Count(m => classifier.Classify(string.Join(" ", m.Concepts.SelectMany(c => c.Everyday))).FirstOrDefault()?.Ref == m.Ref);

        Assert.Equal(knowledge.Plan.Measures.Count(), examples.Select(e => e.Ref).Distinct().Count());
        Assert.True(first >= 0.9 * measures.Count, $"{first} of {measures.Count} measures first by their everyday words");
    }
}
