using Assistant.Index.Ai;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests.Ai;

/// <summary>
/// The check a model's text passes before anyone reads it: each kind of fact it traces to the records a plugin
/// returned, and the everyday wording it must not mistake for a fact.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class GroundingCheckTests(PlanFixture plan)
{
    private readonly PlanPlugin _plugin = new(LivePlan.Of(plan.Runtime));
    private readonly GroundingCheck _check = new(plan.Runtime.Gazetteer);

    [Fact]
    public void A_faithful_answer_is_grounded_and_its_references_read()
    {
        var evidence = Evidence(_plugin.GetByReference("附件1-15-1"));

        var verdict = _check.Check("餐饮油烟由区生态环境局、区市场监管局牵头，各街道办事处协办，长期实施（附件1-15-1）。\n依据：附件1 第15项。", evidence);

        Assert.True(verdict.Grounded, string.Join("; ", verdict.Problems));
        Assert.Equal(["附件1-15-1", "附件1-15"], verdict.CitedRefs);
    }

    [Fact]
    public void A_deadline_may_be_written_as_its_date()
    {
        var measure = plan.Knowledge.Measures.First(m => m.Deadline.Text == "年底前");
        var evidence = Evidence(_plugin.GetByReference(measure.Ref));

        var verdict = _check.Check($"{measure.LeadUnits[0]}牵头，2024年12月31日前完成（{measure.Ref}）。", evidence);

        Assert.True(verdict.Grounded, string.Join("; ", verdict.Problems));
    }

    [Fact]
    public void A_deadline_of_another_row_is_wrong_for_the_row_cited()
    {
        var dueByYearEnd = plan.Knowledge.Measures.First(m => m.Deadline.Text == "年底前" && !m.Text.Contains("长期", StringComparison.Ordinal));
        var evidence = Evidence(_plugin.GetByReference("附件1-15-1"), _plugin.GetByReference(dueByYearEnd.Ref));

        var verdict = _check.Check($"{dueByYearEnd.LeadUnits[0]}牵头，长期实施（{dueByYearEnd.Ref}）。", evidence);

        Assert.Contains("deadline 长期实施 is not in the records", verdict.Problems);
    }

    [Fact]
    public void A_unit_of_another_row_is_wrong_for_the_row_cited_but_fine_when_nothing_is_cited()
    {
        var evidence = Evidence(_plugin.GetByReference("附件1-15-1"), _plugin.GetByReference("附件1-16-2"));

        var misattributed = _check.Check("区市场监管局负责消耗臭氧层物质企业备案管理（附件1-16-2）。", evidence);
        var uncited = _check.Check("区市场监管局也参与这方面的工作。\n\n依据：附件1-15-1。", evidence);

        Assert.Contains("unit 区市场监管局 is not in the records", misattributed.Problems);
        Assert.True(uncited.Grounded, string.Join("; ", uncited.Problems));
    }

    [Theory]
    [InlineData("区环保督察办公室牵头（附件1-15-1）。", "unit 区环保督察办公室 is not in the records")]
    [InlineData("区教委牵头（附件1-15-1）。", "unit 区教委 is not in the records")]
    [InlineData("北京市生态环境局牵头（附件1-15-1）。", "unit 市生态环境局 is not in the records")]
    [InlineData("德胜街道牵头（附件1-15-1）。", "street 德胜街道 is not in the records")]
    [InlineData("区生态环境局牵头，6月底前完成（附件1-15-1）。", "deadline 6月底前 is not in the records")]
    [InlineData("区生态环境局牵头，共检查300家（附件1-15-1）。", "number 300 is not in the records")]
    [InlineData("区生态环境局牵头，检查三十家餐馆（附件1-15-1）。", "number 30 is not in the records")]
    [InlineData("区生态环境局牵头（附件1-15-2）。", "reference 附件1-15-2 is not in the records")]
    [InlineData("区生态环境局牵头（附件2-1）。", "reference 附件2-1 is not in the records")]
    [InlineData("区生态环境局牵头。", "cites no reference")]
    public void Each_kind_of_fact_not_in_the_records_is_caught(string text, string problem)
    {
        var evidence = Evidence(_plugin.GetByReference("附件1-15-1"));

        var verdict = _check.Check(text, evidence);

        Assert.False(verdict.Grounded);
        Assert.Contains(problem, verdict.Problems);
    }

    [Fact]
    public void Figures_list_numbering_and_names_with_digits_are_read_right()
    {
        var evidence = Evidence(_plugin.GetStreetTargets("德胜街道"));

        var right = _check.Check("德胜街道2024年的目标（附件1）：\n1. PM2.5年均浓度35微克/立方米；\n2. 优良天数比率达到百分之七十六；\n3. 重污染天数不超过4天。", evidence);
        var wrong = _check.Check("德胜街道PM2.5年均浓度目标为三十微克/立方米（附件1）。", evidence);
        var decimalFirst = _check.Check("3.5微克/立方米是德胜街道的目标（附件1）。", evidence);

        Assert.True(right.Grounded, string.Join("; ", right.Problems));
        Assert.Equal(["2024", "35", "76", "4"], right.Numbers);
        Assert.Contains("number 30 is not in the records", wrong.Problems);
        Assert.Contains("number 3.5 is not in the records", decimalFirst.Problems);
    }

    [Fact]
    public void A_district_figure_cites_annex_6()
    {
        var evidence = Evidence(_plugin.GetDistrictTargets("叉车"));

        var verdict = _check.Check("全区叉车电动化数量目标为10辆（附件6）。", evidence);

        Assert.True(verdict.Grounded, string.Join("; ", verdict.Problems));
        Assert.Equal(["附件6"], verdict.CitedRefs);
    }

    [Fact]
    public void A_name_the_caller_gave_is_not_evidence_when_the_plugin_did_not_find_it()
    {
        var evidence = Evidence(_plugin.GetByReference("附件1-15-1"), _plugin.GetUnitDuties("区虚构局"), _plugin.SearchMeasures("区虚构局的工作"));

        var verdict = _check.Check("区虚构局牵头（附件1-15-1）。", evidence);

        Assert.Contains("unit 区虚构局 is not in the records", verdict.Problems);
    }

    [Fact]
    public void A_units_duty_rows_carry_the_units_name()
    {
        var duties = _plugin.GetUnitDuties("园林局", role: "lead");
        var first = duties.Measures[0];
        var evidence = Evidence(duties);

        var verdict = _check.Check($"区园林绿化局主责{first.Ref}，完成时限为{first.Deadline}。", evidence);

        Assert.True(verdict.Grounded, string.Join("; ", verdict.Problems));
    }

    [Theory]
    [InlineData("区生态环境局按照区域布局要求推进（附件1-15-1）。")]
    [InlineData("请您关注区生态环境局的后续工作，市民也可以参与监督（附件1-15-1）。")]
    [InlineData("区生态环境局牵头，持续推进餐饮油烟治理（附件1-15-1）。")]
    [InlineData("**区生态环境局**、区市场监管局牵头（附件1—15—1）")]
    [InlineData("生态环境局和市场监管局牵头（附件1-15-1）。")]
    public void Everyday_wording_is_not_taken_for_a_fact(string text)
    {
        var evidence = Evidence(_plugin.GetByReference("附件1-15-1"));

        var verdict = _check.Check(text, evidence);

        Assert.True(verdict.Grounded, string.Join("; ", verdict.Problems));
    }

    [Theory]
    [InlineData("十五", 15)]
    [InlineData("三十五", 35)]
    [InlineData("一百二十", 120)]
    [InlineData("两万", 20000)]
    [InlineData("二〇二四", 2024)]
    public void Chinese_numerals_read_as_numbers(string text, long value) =>
        Assert.Equal(value, GroundingText.ParseChinese(text));

    [Theory]
    [InlineData("PM2.5浓度35微克", new[] { "35" })]
    [InlineData("附件1-15-1，6-9月，4月1日起", new string[0])]
    [InlineData("百分之十五，进一步，一季度，千万", new[] { "15" })]
    [InlineData("NOX减排量850吨", new[] { "850" })]
    public void Numbers_leave_out_references_dates_and_names(string text, string[] numbers) =>
        Assert.Equal(numbers, GroundingText.Numbers(text).ToArray());

    private GroundingEvidence Evidence(params object[] records)
    {
        var evidence = GroundingEvidence.ForPlan(plan.Knowledge.Plan);
        foreach (var record in records)
        {
            evidence.Add(record);
        }

        return evidence;
    }
}
