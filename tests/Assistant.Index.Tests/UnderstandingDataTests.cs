using Assistant.Index.Knowledge;
using Assistant.Index.Understanding;

namespace Assistant.Index.Tests;

/// <summary>
/// knowledge/understanding/ — everyday words and alternate questions — proved against the plan: plan-side terms are the
/// plan's own words, references, indicators, columns and units exist, every measure has its alternate questions, and
/// none of them copies its measure's wording.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class UnderstandingDataTests(PlanFixture plan)
{
    [Fact]
    public void The_everyday_words_are_complete_and_grounded_in_the_plan()
    {
        Assert.NotEmpty(plan.Knowledge.Everyday.Files);
        var problems = new UnderstandingValidator(plan.SeedText).Validate(plan.Knowledge);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public void Every_measure_has_alternate_questions_from_each_kind_of_user()
    {
        var listed = plan.Knowledge.Everyday.Measures.ToDictionary(m => m.Ref);
        foreach (var measure in plan.Knowledge.Plan.Measures)
        {
            Assert.True(listed.TryGetValue(measure.Ref, out var words), $"{measure.Ref} has no alternate questions");
            Assert.True(words.Questions.Count >= 8, $"{measure.Ref}: {words.Questions.Count} alternate questions");
            Assert.All(new[] { words.Questions.Citizen, words.Questions.Operator, words.Questions.Staff }, kind => Assert.True(kind.Count >= 2, measure.Ref));
        }

        Assert.All(plan.Knowledge.Plan.DistrictTargets, t => Assert.Contains(plan.Knowledge.Everyday.District, d => d.Name == t.Name && d.Questions.Count >= 5));
        Assert.All(EverydayWords.StreetColumnNames, c => Assert.Contains(plan.Knowledge.Everyday.StreetColumns, s => s.Column == c && s.Questions.Count >= 5));
    }

    [Fact]
    public void No_alternate_question_copies_its_measures_wording()
    {
        var copied = UnderstandingValidator.CopiedWording(plan.Knowledge);
        Assert.True(copied.Count == 0, string.Join("\n", copied.Take(40)));
    }

    [Theory]
    // The rule itself: a 5-character run shared with the measure fails, unless it is a name or a number.
    [InlineData("区里怎么加强餐饮油烟的管理", "加强餐饮油烟治理", true)]
    [InlineData("饭馆排烟归谁管", "加强餐饮油烟治理", false)]
    [InlineData("区生态环境局管不管", "区生态环境局牵头", false)]
    [InlineData("百分之84是啥时候", "比例达到84%以上", false)]
    public void A_shared_run_of_five_characters_is_copying(string question, string measureText, bool copies)
    {
        var names = UnderstandingValidator.NamesAside(plan.Knowledge);
        Assert.Equal(copies, UnderstandingValidator.SharedRuns(question, measureText, names).Count > 0);
    }

    [Fact]
    public void The_validator_catches_a_plan_term_the_plan_does_not_use_and_a_unit_that_does_not_exist()
    {
        var k = plan.Knowledge;
        var first = k.Everyday.Measures[0];
        var broken = k.Everyday with
        {
            Measures = [first with { Concepts = [new Concept("火星移民计划", ["去火星"])] }, .. k.Everyday.Measures.Skip(1)],
            Units = [new UnitNicknames("区宇宙管理局", ["宇宙局"]), .. k.Everyday.Units],
        };
        var problems = new UnderstandingValidator(plan.SeedText).Validate(new KnowledgeBase(k.Plan, k.Units, k.Streets, k.Synonyms, broken));
        Assert.Contains(problems, p => p.Where.EndsWith(first.Ref, StringComparison.Ordinal) && p.Message.Contains("火星移民计划", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Where.Contains("区宇宙管理局", StringComparison.Ordinal));
    }

    [Fact]
    public void Street_column_terms_come_from_the_street_tables_header()
    {
        var header = new UnderstandingValidator(plan.SeedText).StreetTableHeader();
        Assert.NotNull(header);
        Assert.Contains("优良天数比率", header);
        Assert.Contains("一季度", header);
    }
}
