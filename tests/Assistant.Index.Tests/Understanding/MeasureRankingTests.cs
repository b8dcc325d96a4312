using Assistant.Index.Understanding;

namespace Assistant.Index.Tests.Understanding;

[Collection(PlanCollection.Name)]
public sealed class MeasureRankingTests(PlanFixture plan)
{
    [Fact]
    public void Between_siblings_the_text_leaves_equal_the_one_the_named_unit_takes_part_in_comes_first()
    {
        var first = plan.Runtime.Knowledge.FindMeasure("附件1-12-2")!;
        var second = plan.Runtime.Knowledge.FindMeasure("附件1-14-1")!;
        var evidence = new[]
        {
            new MeasureEvidence(second, Coverage: 0.5, Phrases: 0.5, Relative: 1, TextPasses: true, Alternate: 0),
            new MeasureEvidence(first, Coverage: 0.5, Phrases: 0.5, Relative: 1, TextPasses: true, Alternate: 0, NamedUnit: true),
        };

        var ranked = MeasureRanking.Rank(evidence);

        Assert.Equal(first.Ref, ranked.Measures[0].Ref);
    }
}
