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

    [Theory]
    [InlineData("老楼那一百万平米的改造", "100万")]
    [InlineData("比例要到百分之四十五", "45%")]
    [InlineData("2.9万辆次的检查", "2.9万")]
    [InlineData("一年抽十二组", "12")]
    public void A_figure_is_read_the_plans_way_in_digits_or_numerals(string text, string figure)
    {
        Assert.Contains(figure, PlanFigures.In(text));
    }

    [Theory]
    [InlineData("十二月底前要干完的")]
    [InlineData("2024年一季度的任务")]
    [InlineData("国四的挖掘机")]
    [InlineData("一路一策清扫")]
    [InlineData("12月之前")]
    public void Dates_years_and_small_ordinals_are_no_figures(string text)
    {
        Assert.Empty(PlanFigures.In(text));
    }

    [Fact]
    public void A_figure_only_one_measure_holds_brings_that_measure_into_the_answer()
    {
        // Every figure of the plan that one measure alone holds, asked about in a plain question with no other word of it.
        var owners = plan.Runtime.Knowledge.Plan.Measures
            .SelectMany(m => PlanFigures.In(Search.ChineseText.Normalize(m.Text)).Select(f => (Figure: f, m.Ref)))
            .GroupBy(x => x.Figure)
            .Where(g => g.Count() == 1 && (g.Key.EndsWith('万') || g.Key.EndsWith('%')))
            .Select(g => g.Single())
            .ToList();
        Assert.True(owners.Count >= 10);

        foreach (var (figure, reference) in owners)
        {
            var answer = plan.Runtime.Answers.Compute($"那个{figure}的活儿谁牵头");
            Assert.Contains(reference, answer.Matches.Select(m => m.MeasureRef));
        }
    }

    [Theory]
    // The unit the question says leads counts for the measures it leads, not for those it only supports.
    [InlineData("碳的总量和强度两头控 我们发改牵头，谁跟我们一块儿干？", "区发展改革委")]
    [InlineData("用光伏这类可再生能源替代，发改牵头，谁配合", "区发展改革委")]
    public void A_unit_said_to_lead_picks_the_measure_it_leads(string question, string unit)
    {
        var answer = plan.Runtime.Answers.Compute(question);

        Assert.NotEmpty(answer.Matches);
        Assert.Contains(unit, answer.Matches[0].LeadUnits);
    }

    [Fact]
    public void The_classifier_adds_a_candidate_beside_others_but_alone_only_when_surer()
    {
        var found = plan.Runtime.Knowledge.FindMeasure("附件1-3-3")!;
        var learned = plan.Runtime.Knowledge.FindMeasure("附件1-3-4")!;
        var beside = new[]
        {
            new MeasureEvidence(found, Coverage: 0.5, Phrases: 0.5, Relative: 1, TextPasses: true, Alternate: 0),
            new MeasureEvidence(learned, Coverage: 0, Phrases: 0, Relative: 0, TextPasses: false, Alternate: 0, Learned: 0.9),
        };
        var alone = new[] { new MeasureEvidence(learned, 0, 0, 0, TextPasses: false, Alternate: 0, Learned: 0.1) };

        // Beside the text's candidate, a sure classifier outweighs a half-covered text.
        Assert.Equal(learned.Ref, MeasureRanking.Rank(beside).Measures[0].Ref);
        // Alone, 0.1 is no answer; 0.5 is, as the closest (low confidence); in a short follow-up, never.
        Assert.Empty(MeasureRanking.Rank(alone).Measures);
        var surer = alone.Select(e => e with { Learned = 0.5 }).ToList();
        Assert.Equal(Confidence.Low, MeasureRanking.Rank(surer).Confidence);
        Assert.Equal(learned.Ref, MeasureRanking.Rank(surer).Measures[0].Ref);
        Assert.Empty(MeasureRanking.Candidates(surer, learnedAlone: false));
    }

    [Fact]
    public void The_classifier_weighs_less_where_the_measure_text_holds_the_topic()
    {
        var m = plan.Runtime.Knowledge.FindMeasure("附件1-3-3")!;
        var plain = new MeasureEvidence(m, Coverage: 0.9, Phrases: 1, Relative: 1, TextPasses: true, Alternate: 0);

        var gain = MeasureRanking.Score(plain with { Learned = 1 }) - MeasureRanking.Score(plain);

        Assert.Equal(MeasureRanking.LearnedWeight * MeasureRanking.LearnedKept, gain, 6);
        var half = plain with { Coverage = 0.5 };
        Assert.Equal(MeasureRanking.LearnedWeight * 0.5, MeasureRanking.Score(half with { Learned = 1 }) - MeasureRanking.Score(half), 6);
    }
}

