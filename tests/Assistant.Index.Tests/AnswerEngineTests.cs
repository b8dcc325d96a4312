using Assistant.Index.Answers;

namespace Assistant.Index.Tests;

/// <summary>Golden questions: what the engine must understand and answer, from the real knowledge.</summary>
[Collection(PlanCollection.Name)]
public sealed class AnswerEngineTests(PlanFixture plan)
{
    private AnswerEngine Engine => plan.Runtime.Answers;

    [Theory]
    [InlineData("餐饮油烟归哪个部门管", Intent.Lead, "附件1-15-1")]
    [InlineData("推广新能源车哪个部门牵头", Intent.Lead, "附件1-3-1")]
    [InlineData("降尘量要什么时候达标", Intent.Deadline, "附件1-12-1")]
    [InlineData("叉车电动化截止什么时候", Intent.Deadline, "附件1-10-4")]
    [InlineData("居住区充电设施建设的协办单位是哪个", Intent.Co, "附件1-3-3")]
    [InlineData("今年要抽检多少组涂料", Intent.Indicator, "附件1-4-1")]
    [InlineData("裸地怎么治理", Intent.Search, "附件1-13-2")]
    // 噪音 is not the plan's word; the synonym and the bigram field still find the noise measure.
    [InlineData("交通噪音治理计划什么时候报", Intent.Deadline, "附件1-18-3")]
    // Full-width letters and stray spaces.
    [InlineData("ＧＥＰ－Ｒ 核算 由哪个部门 牵头", Intent.Lead, "附件5-7-1")]
    public void Question_finds_the_measure(string question, Intent intent, string measureRef)
    {
        var answer = Engine.Ask(question);

        Assert.Equal(intent, answer.Intent);
        Assert.False(answer.NoAnswer);
        Assert.Equal(measureRef, answer.Matches[0].MeasureRef);
    }

    [Fact]
    public void Lead_answer_puts_units_and_deadline_first_and_cites_the_row()
    {
        var answer = Engine.Ask("餐饮油烟归哪个部门管");

        Assert.StartsWith("主责单位：区生态环境局、区市场监管局", answer.Text, StringComparison.Ordinal);
        Assert.Contains("协办单位：各街道办事处", answer.Text, StringComparison.Ordinal);
        Assert.Contains("完成时限：长期实施", answer.Text, StringComparison.Ordinal);
        Assert.Contains("附件1 第15项 加强餐饮油烟源头管控", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_on_an_inferred_split_says_so()
    {
        var inferred = plan.Knowledge.Plan.Measures.First(m => m.SplitInferred);

        var answer = Engine.Ask($"{inferred.Ref}谁牵头");

        Assert.Equal(inferred.Ref, answer.Matches[0].MeasureRef);
        Assert.True(answer.SplitInferred);
        Assert.Contains("推断", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_ups_resolve_against_the_previous_answer()
    {
        var first = Engine.Ask("叉车电动化由哪些部门负责");
        var co = Engine.Ask("那协办单位呢？", first.Context);
        var when = Engine.Ask("它什么时候完成？", co.Context);

        Assert.Equal(Intent.Co, co.Intent);
        Assert.Equal("附件1-10-4", co.Matches[0].MeasureRef);
        Assert.StartsWith("协办单位：区生态环境局", co.Text, StringComparison.Ordinal);
        Assert.Equal(Intent.Deadline, when.Intent);
        Assert.StartsWith("完成时限：年底前", when.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Follow_up_without_a_previous_answer_is_not_guessed()
    {
        var answer = Engine.Ask("那协办单位呢？");

        Assert.True(answer.NoAnswer);
        Assert.Empty(answer.Matches);
    }

    [Fact]
    public void Duties_list_every_measure_a_unit_leads_and_co_operates_on()
    {
        var answer = Engine.Ask("区房管局负责哪些工作");

        Assert.Equal(Intent.Duties, answer.Intent);
        var expected = plan.Knowledge.LedBy("区房管局").Concat(plan.Knowledge.CoOperatedBy("区房管局")).Select(m => m.Ref).Order().ToList();
        Assert.Equal(expected, answer.Matches.Select(m => m.MeasureRef).Order().ToList());
        Assert.All(answer.Matches, m => Assert.Contains(m.Role, new[] { "lead", "co" }));
    }

    [Fact]
    public void Duties_by_deadline_list_what_falls_due()
    {
        var answer = Engine.Ask("4月底前要完成什么");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.NotEmpty(answer.Matches);
        Assert.All(answer.Matches, m => Assert.True(plan.Knowledge.FindMeasure(m.MeasureRef)!.Deadline.By <= new DateOnly(2024, 4, 30)));
    }

    [Fact]
    public void Street_targets_come_from_the_street_table()
    {
        var answer = Engine.Ask("德胜街道PM2.5目标是多少");

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains(answer.Figures, f => f.Name == "德胜街道 PM2.5年均浓度" && f.Value == "35");
        Assert.Contains("35 微克/立方米", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalizing_leaves_the_plans_own_characters_as_they_are()
    {
        // The traditional → simplified table touches no character of the seed, so plan text still matches itself.
        var cjk = new string(plan.SeedText.Where(Assistant.Index.Search.ChineseText.IsCjk).ToArray());

        Assert.Equal(cjk, Assistant.Index.Search.ChineseText.Normalize(cjk));
    }

    [Fact]
    public void A_question_in_traditional_characters_is_answered_like_one_in_simplified()
    {
        var traditional = Engine.Ask("叉車電動化由哪些部門負責");
        var simplified = Engine.Ask("叉车电动化由哪些部门负责");

        Assert.Equal("附件1-10-4", traditional.Matches[0].MeasureRef);
        Assert.Equal(simplified.Text, traditional.Text);
    }

    [Fact]
    public void Another_street_after_a_streets_figures_gets_the_same_figures()
    {
        var first = Engine.Ask("陶然亭街道今年PM2.5要控制在多少");
        var next = Engine.Ask("那牛街呢", first.Context);

        Assert.Equal(Intent.Indicator, next.Intent);
        Assert.Contains(next.Figures, f => f.Name.StartsWith("牛街街道", StringComparison.Ordinal));
    }

    [Fact]
    public void A_figure_follow_up_keeps_the_street()
    {
        var first = Engine.Ask("陶然亭街道今年PM2.5要控制在多少");
        var q1 = Engine.Ask("一季度是多少", first.Context);
        var days = Engine.Ask("优良天数比率呢", first.Context);

        Assert.Equal((Intent.Indicator, Intent.Indicator), (q1.Intent, days.Intent));
        Assert.All(new[] { q1, days }, a => Assert.StartsWith("陶然亭街道", a.Text, StringComparison.Ordinal));
        Assert.Contains("一季度目标", q1.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_whether_the_plan_mentions_a_unit_lists_its_duties()
    {
        var answer = Engine.Ask("区税务局在计划里出现了吗");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Equal(plan.Knowledge.LedBy("区税务局").Concat(plan.Knowledge.CoOperatedBy("区税务局")).Select(m => m.Ref).Order(),
            answer.Matches.Select(m => m.MeasureRef).Order());
    }

    [Fact]
    public void Several_years_in_a_complaint_is_not_a_question_of_how_many()
    {
        var answer = Engine.Ask("小区旁边的空地好几年都是黄土，计划里对这种裸地怎么要求");

        Assert.Equal(Intent.Search, answer.Intent);
        Assert.Equal("附件1-13-2", answer.Matches[0].MeasureRef);
    }

    [Fact]
    public void It_after_a_units_duties_is_that_unit()
    {
        var first = Engine.Ask("区房管局负责哪些工作");
        var co = Engine.Ask("它要配合别的单位做哪些", first.Context);

        Assert.Equal(Intent.Duties, co.Intent);
        Assert.Equal(plan.Knowledge.CoOperatedBy("区房管局").Select(m => m.Ref).Order(), co.Matches.Select(m => m.MeasureRef).Order());
    }

    [Theory]
    // A pollutant the plan sets no figure for is not answered with PM2.5's; the plan names no sums of money.
    [InlineData("西城区PM10年均浓度目标是多少", "指标")]
    [InlineData("今年臭氧浓度要控制在多少", "指标")]
    [InlineData("换新能源车政府补贴多少钱", "金额")]
    [InlineData("餐饮油烟超标了罚款多少", "金额")]
    [InlineData("工地夜间施工噪声超标，罚款标准是多少", "金额")]
    [InlineData("晚上施工噪声最高允许多少分贝", "指标")]
    public void A_figure_the_plan_does_not_give_is_not_answered_with_another(string question, string said)
    {
        var answer = Engine.Ask(question);

        Assert.True(answer.NoAnswer);
        Assert.Contains(said, answer.Text, StringComparison.Ordinal);
        Assert.False(Engine.Ask("西城区PM2.5年均浓度目标是多少").NoAnswer);
    }

    [Theory]
    [InlineData("朝阳区的餐饮油烟归谁管")]
    [InlineData("2023年的空气质量目标是多少")]
    [InlineData("邻居油烟熏到我家，我能起诉他索赔吗")]
    [InlineData("医保报销比例是多少")]
    [InlineData("区里的养老金什么时候发")]
    public void No_basis_in_the_plan_names_no_unit(string question)
    {
        var answer = Engine.Ask(question);

        Assert.True(answer.NoAnswer);
        Assert.Equal(Intent.None, answer.Intent);
        Assert.Empty(answer.Matches);
        Assert.DoesNotContain("主责单位", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("完成时限", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("油烟(")]
    [InlineData("\"噪声")]
    [InlineData("AND OR NOT * ? ~ ^ : [ ] { }")]
    [InlineData("附件9-99")]
    public void Query_syntax_in_user_text_is_plain_text(string question)
    {
        var answer = Engine.Ask(question);

        Assert.NotNull(answer.Text);
    }

    [Fact]
    public void Every_unit_and_deadline_in_an_answer_is_in_its_matches()
    {
        // Grounding of the deterministic path: the rendering names nothing its records do not hold.
        foreach (var question in new[] { "餐饮油烟归哪个部门管", "叉车电动化截止什么时候", "区交通委今年年底前要完成哪些", "小区充电桩建设归谁管" })
        {
            var answer = Engine.Ask(question);
            var allowed = answer.Matches.SelectMany(m => m.LeadUnits.Concat(m.CoUnits)).ToHashSet(StringComparer.Ordinal);
            foreach (var unit in plan.Knowledge.Units.Where(u => answer.Text.Contains(u.Name, StringComparison.Ordinal)))
            {
                Assert.True(allowed.Contains(unit.Name) || answer.Matches.Any(m => m.Measure.Contains(unit.Name, StringComparison.Ordinal)),
                    $"{question}: {unit.Name} is not in the matched rows");
            }
        }
    }
}
