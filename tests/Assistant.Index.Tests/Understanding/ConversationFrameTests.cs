using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Assistant.Index.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Index.Tests.Understanding;

/// <summary>
/// Follow-ups change one slot of the conversation's frame and keep the rest; relative periods are read in the plan year
/// by the month in Beijing. Each engine here has its own stopped clock.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class ConversationFrameTests(PlanFixture plan)
{
    /// <summary>20 November (Beijing): 本季度 is 10—12月, 下个月 is 12月, 上个月 is 10月.</summary>
    private AnswerEngine November => At(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));

    private AnswerEngine At(DateTimeOffset now) => plan.Runtime.AnswersAt(new FakeTimeProvider(now));

    /// <summary>Asks the turns in order, each against the previous answer's context; returns the last answer.</summary>
    private static Answer Dialogue(AnswerEngine engine, params string[] turns)
    {
        ConversationContext? context = null;
        Answer? answer = null;
        foreach (var turn in turns)
        {
            answer = engine.Ask(turn, context);
            context = answer.Context;
        }

        return answer!;
    }

    private IEnumerable<Measure> Due(string unit, DateOnly from, DateOnly to) => plan.Knowledge.Measures
        .Where(m => m.InvolvesUnit(unit) && m.Deadline.DueWithin(from, to));

    [Theory]
    // 17:00 UTC on 30 November is 01:00 on 1 December in Beijing: the month is December there.
    [InlineData("2026-11-30T17:00:00Z", "这个月", "按2024年计划，这个月指12月")]
    [InlineData("2026-11-30T15:59:00Z", "这个月", "按2024年计划，这个月指11月")]
    [InlineData("2026-11-30T15:59:00Z", "本季度", "按2024年计划，本季度指10—12月")]
    [InlineData("2026-02-10T08:00:00Z", "本季度", "按2024年计划，本季度指1—3月")]
    [InlineData("2026-05-10T08:00:00Z", "上个季度", "按2024年计划，上个季度指1—3月")]
    [InlineData("2026-12-03T08:00:00Z", "下个月", "按2024年计划，下个月已是2025年1月，不在本计划的年度内")]
    public void Relative_periods_are_read_in_the_plan_year_by_the_month_in_Beijing(string utc, string period, string reading)
    {
        var calendar = new PlanCalendar(new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

        var window = calendar.Read($"{period}有哪些任务到期");

        Assert.NotNull(window);
        Assert.Equal(reading, window.Reading);
    }

    [Fact]
    public void Duties_due_this_quarter_say_which_months_and_keep_undated_measures_apart()
    {
        var answer = November.Ask("本季度区城市管理委有哪些任务到期");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.StartsWith("按2024年计划，本季度指10—12月", answer.Text, StringComparison.Ordinal);
        var due = Due("区城市管理委", new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31)).Select(m => m.Ref).ToHashSet();
        Assert.Equal(due, answer.Matches.Select(m => m.MeasureRef).ToHashSet());
        // 长期实施 rows (附件1-3-2 …) are not due in any quarter: named on a line of their own, not listed as due.
        var undated = plan.Knowledge.Measures.Where(m => m.InvolvesUnit("区城市管理委") && m.Deadline.Kind is DeadlineKind.Ongoing or DeadlineKind.Milestones).ToList();
        Assert.NotEmpty(undated);
        Assert.Contains("没有到期日", answer.Text, StringComparison.Ordinal);
        Assert.All(undated, m => Assert.Contains(m.Ref, answer.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Matches, m => undated.Any(u => u.Ref == m.MeasureRef));
    }

    [Fact]
    public void This_month_with_nothing_due_says_so_and_still_names_the_undated_work()
    {
        var answer = November.Ask("区园林绿化局这个月有什么要完成的");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Empty(answer.Matches);
        Assert.Contains("这个月指11月", answer.Text, StringComparison.Ordinal);
        Assert.Contains("附件5-8-1", answer.Text, StringComparison.Ordinal); // 持续推进
    }

    [Fact]
    public void Next_month_in_december_is_outside_the_plan_year_and_lists_nothing()
    {
        var answer = At(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8))).Ask("下个月到期的有哪些");

        Assert.Empty(answer.Matches);
        Assert.Contains("2025年1月，不在本计划的年度内", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_period_keeps_the_unit()
    {
        var answer = Dialogue(November, "本季度区城市管理委有哪些任务到期", "那上半年呢");

        Assert.Equal(Intent.Duties, answer.Intent);
        var due = plan.Knowledge.Measures.Where(m => m.InvolvesUnit("区城市管理委") && m.Deadline.By <= new DateOnly(2024, 6, 30)).Select(m => m.Ref).ToHashSet();
        Assert.Equal(due, answer.Matches.Select(m => m.MeasureRef).ToHashSet());
        Assert.Contains("区城市管理委", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_unit_keeps_the_period()
    {
        var answer = Dialogue(November, "本季度区城市管理委有哪些任务到期", "那区交通委呢");

        Assert.Contains("本季度指10—12月", answer.Text, StringComparison.Ordinal);
        var due = Due("区交通委", new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31)).Select(m => m.Ref).ToHashSet();
        Assert.Equal(due, answer.Matches.Select(m => m.MeasureRef).ToHashSet());
    }

    [Fact]
    public void Another_half_year_after_a_street_figure_says_the_table_has_only_the_year_and_the_first_quarter()
    {
        var target = plan.Knowledge.Plan.StreetTargets.Single(t => t.Street == "德胜街道");

        var answer = Dialogue(November, "德胜街道PM2.5目标是多少", "那上半年呢");

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains("只给出全年和一季度", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"PM2.5年均浓度 {target.Pm25Annual}", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"一季度 {target.Pm25Q1}", answer.Text, StringComparison.Ordinal);
        Assert.Equal("德胜街道", answer.Context.Street);
    }

    [Theory]
    [InlineData("那换成牛街呢", "牛街街道")]
    [InlineData("换成陶然亭街道呢", "陶然亭街道")]
    [InlineData("那后海呢", "什刹海街道")]
    public void Another_street_keeps_the_figure(string turn, string street)
    {
        var target = plan.Knowledge.Plan.StreetTargets.Single(t => t.Street == street);

        var answer = Dialogue(November, "德胜街道一季度PM2.5目标是多少", turn);

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Equal(street, answer.Context.Street);
        // The first quarter was asked: it is still what is asked.
        Assert.Contains($"{street}2024年一季度目标：PM2.5浓度 {target.Pm25Q1}", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("公务用车电动化谁牵头", "那公交车呢", Intent.Lead, "附件1-9-2")]
    [InlineData("环卫车换新能源谁负责", "那邮政车呢", Intent.Lead, "附件1-9-5")]
    [InlineData("雨污混接错接什么时候完成", "那清管行动呢", Intent.Deadline, "附件2-6-2")]
    [InlineData("餐饮油烟归哪个部门管", "那噪声呢", Intent.Lead, "附件1-18-")]
    public void Another_topic_is_asked_the_same_way(string first, string turn, Intent intent, string measure)
    {
        var answer = Dialogue(November, first, turn);

        Assert.Equal(intent, answer.Intent);
        Assert.StartsWith(measure, answer.Matches[0].MeasureRef, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wording_is_quoted_in_full()
    {
        var measure = plan.Knowledge.FindMeasure("附件1-9-2")!;
        Assert.True(measure.Text.Length > 200);

        var answer = Dialogue(November, "新增公交车出租车要用新能源车谁牵头", "原文呢");

        Assert.Equal("附件1-9-2", answer.Matches[0].MeasureRef);
        Assert.Contains(measure.Text, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("居住区充电设施建设谁牵头", "附件1-3-3", "是，完成时限为“长期实施”")]
    [InlineData("绿色建筑三星级标准谁牵头", "附件4-7-2", "不是长期任务，完成时限为“年底前”")]
    public void Whether_a_measure_is_ongoing_is_answered_from_its_deadline(string first, string measure, string says)
    {
        var answer = Dialogue(November, first, "这个是长期的吗");

        Assert.Equal(Intent.Deadline, answer.Intent);
        Assert.Equal(measure, answer.Matches[0].MeasureRef);
        Assert.Contains(says, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_question_starts_a_new_frame()
    {
        var answer = Dialogue(November, "本季度区城市管理委有哪些任务到期", "叉车电动化是谁牵头");

        Assert.Equal(Intent.Lead, answer.Intent);
        Assert.Equal("附件1-10-4", answer.Matches[0].MeasureRef);
        Assert.Null(answer.Context.Period);
    }

    [Fact]
    public void The_frame_is_kept_in_the_context_for_the_next_turn()
    {
        var answer = November.Ask("本季度区城市管理委有哪些任务到期");

        Assert.Equal("区城市管理委", answer.Context.Unit);
        Assert.Equal("本季度", answer.Context.Period);
        Assert.Equal(FrameKind.Duties, ConversationFrame.Of(answer.Context).Kind);
    }

    [Fact]
    public void Cached_answers_do_not_outlive_the_month()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)));
        var engine = plan.Runtime.AnswersAt(clock);

        var november = engine.Ask("这个月有哪些任务到期");
        clock.Advance(TimeSpan.FromDays(15));
        var december = engine.Ask("这个月有哪些任务到期");

        Assert.Contains("这个月指11月", november.Text, StringComparison.Ordinal);
        Assert.Contains("这个月指12月", december.Text, StringComparison.Ordinal);
        Assert.NotEmpty(december.Matches);
    }

    [Theory]
    [InlineData("那头仨月呢", "52")]
    [InlineData("那头三个月呢", "52")]
    [InlineData("一季度呢", "52")]
    public void Everyday_names_of_the_first_quarter_read_as_the_tables_column(string turn, string q1)
    {
        var answer = Dialogue(November, "什刹海街道PM2.5全年要控制到多少", turn);

        Assert.Contains($"什刹海街道2024年一季度目标：PM2.5浓度 {q1}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_after_a_district_figure_answered_from_a_measure_gets_its_own_figure()
    {
        var target = plan.Knowledge.Plan.StreetTargets.Single(t => t.Street == "椿树街道");

        var answer = Dialogue(November, "咱区全年PM2.5目标多少", "那椿树街道呢");

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains($"椿树街道2024年目标：PM2.5年均浓度 {target.Pm25Annual}", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_due_in_a_period_is_an_answer_not_a_refusal()
    {
        var answer = Dialogue(November, "区市场监管局牵头管哪些", "上半年到期的呢");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.False(answer.NoAnswer);
        Assert.Empty(answer.Matches);
        Assert.Contains("计划中没有区市场监管局", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_topic_the_plan_does_not_surely_place_alone_is_read_with_the_topic_before_it()
    {
        const string turn = "那种三吨及以下的仓库里用的呢";
        Assert.NotEqual(Confidence.High, November.Ask(turn).Confidence);

        var answer = Dialogue(November, "叉车电动化谁牵头", turn);

        Assert.Equal(Intent.Lead, answer.Intent);
        Assert.Equal("附件1-10-4", answer.Matches[0].MeasureRef);
    }

    [Theory]
    [InlineData("截止时间呢")]
    [InlineData("完成时限呢")]
    [InlineData("啥时候")]
    public void Asking_another_aspect_keeps_the_measures(string turn)
    {
        var answer = Dialogue(November, "公交车新能源谁牵头", turn);

        Assert.Equal(Intent.Deadline, answer.Intent);
        Assert.Equal("附件1-9-2", answer.Matches[0].MeasureRef);
        Assert.StartsWith("完成时限：年底前", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void By_the_end_of_the_year_after_this_month_lists_what_is_due_by_then()
    {
        var answer = Dialogue(November, "区城市管理委这个月有哪些任务到期", "年底前呢");

        var due = plan.Knowledge.Measures.Where(m => m.InvolvesUnit("区城市管理委") && m.Deadline.By is not null).Select(m => m.Ref).ToHashSet();
        Assert.Equal(due, answer.Matches.Select(m => m.MeasureRef).ToHashSet());
    }

    [Fact]
    public void The_district_after_a_streets_figure_is_the_same_figure_for_the_whole_district()
    {
        var district = plan.Knowledge.Plan.DistrictTargets.Single(t => t.Name.Contains("优良天数", StringComparison.Ordinal));

        var answer = Dialogue(November, "陶然亭街道的好天比例目标是多少", "全区的呢");

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains($"{district.Value}%", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("陶然亭", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_street_said_with_na_pian_er_after_a_district_figure_is_that_streets_figures()
    {
        var answer = Dialogue(November, "空气好的天数一年得占多少", "那展览路那片儿呢");

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains("展览路街道2024年目标", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void How_many_this_year_after_a_measure_asks_its_number_not_its_deadline()
    {
        var answer = Dialogue(November, "仓库里叉车换电动那个谁牵头？", "今年要换多少台？");

        Assert.Equal(Intent.Indicator, answer.Intent);
        Assert.Contains("附件1-10-4", answer.Matches.Select(m => m.MeasureRef));
    }

    [Fact]
    public void Another_units_duties_after_the_street_offices_are_not_narrowed_by_the_word_street()
    {
        var lead = plan.Knowledge.Measures.Count(m => m.LeadUnits.Contains("区城管执法局"));

        var answer = Dialogue(November, "街道要配合啥", "城管执法局牵头啥");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Contains($"共 {lead} 项", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_work_for_others_after_a_units_duties_is_that_units_co_duties()
    {
        var answer = Dialogue(November, "发改委牵头的事儿有啥", "那它配合别人的呢");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Equal("区发展改革委", answer.Context.Unit);
        Assert.NotEmpty(answer.Matches);
        Assert.All(answer.Matches, m => Assert.Contains("区发展改革委", plan.Runtime.Knowledge.FindMeasure(m.MeasureRef)!.CoUnits));
    }

    [Theory]
    // Everyday ways to ask "by when" about the matter just answered keep its measure: 交账, 一直管还是今年干完.
    [InlineData("啥时候交账？")]
    [InlineData("年底交账吗？")]
    [InlineData("这是一直管还是今年干完就完了？")]
    public void A_by_when_follow_up_in_everyday_words_keeps_the_measure(string followUp)
    {
        foreach (var first in new[] { "平房烧煤取暖现在谁管？", "工地扬尘谁牵头", "公交车换电动谁牵头" })
        {
            var before = November.Ask(first);
            var answer = Dialogue(November, first, followUp);

            Assert.Equal(Intent.Deadline, answer.Intent);
            Assert.Equal(before.Matches[0].MeasureRef, answer.Matches[0].MeasureRef);
        }
    }

    [Fact]
    public void A_follow_up_that_names_a_whole_new_matter_is_answered_for_that_matter()
    {
        var first = November.Ask("温室气体排放统计谁做");
        var answer = Dialogue(November, "温室气体排放统计谁做", "那每季度用电用气这些能耗数据统计呢");

        Assert.NotEqual(first.Matches[0].MeasureRef, answer.Matches[0].MeasureRef);
        Assert.Contains("能源", answer.Matches[0].Measure, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_period_after_a_units_supporting_duties_keeps_the_role()
    {
        var answer = Dialogue(November, "园林局牵头哪些", "协办的呢", "本季度到期的呢");

        Assert.Equal(Intent.Duties, answer.Intent);
        Assert.Contains("协办", answer.Text, StringComparison.Ordinal);
        Assert.All(answer.Matches, m => Assert.Contains("区园林绿化局", plan.Runtime.Knowledge.FindMeasure(m.MeasureRef)!.CoUnits));
    }
}
