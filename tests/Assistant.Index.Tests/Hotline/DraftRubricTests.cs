using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>
/// The supervisor's rubric over every complaint the project holds (tests/eval/complaints*.jsonl): every rules draft
/// must pass. And the rubric itself catches each fault it is for.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed class DraftRubricTests(HotlineFixture hotline)
{
    private DraftRubric Rubric => new(hotline.Plan.Knowledge, hotline.Plan.Runtime.Gazetteer);

    [Theory]
    [InlineData("complaints.jsonl")]
    [InlineData("complaints-blind.jsonl")]
    [InlineData("review2/complaints-blind-review2.jsonl")]
    [InlineData("review3/complaints-blind-review3.jsonl")]
    [InlineData("review4/complaints-blind-review4.jsonl")]
    [InlineData("review5/complaints-blind-review5.jsonl")]
    [InlineData("review6/complaints-blind-review6.jsonl")]
    [InlineData("review7/complaints-blind-review7.jsonl")]
    [InlineData("review8/complaints-blind-review8.jsonl")]
    [InlineData("review9/complaints-blind-review9.jsonl")]
    [InlineData("review10/complaints-blind-review10.jsonl")]
    [InlineData("review11/complaints-blind-review11.jsonl")]
    [InlineData("review12/complaints-blind-review12.jsonl")]
    [InlineData("review13/complaints-blind-review13.jsonl")]
    [InlineData("review14/complaints-blind-review14.jsonl")]
    [InlineData("review15/complaints-blind-review15.jsonl")]
    public void Every_draft_of_the_complaint_sets_passes_the_rubric(string file)
    {
        var drafter = new HotlineDrafter(hotline.Plan.Knowledge, new DraftTerms(24, 15), hotline.Triage.Guide);
        var rubric = Rubric;
        var items = HotlineEvaluator.Read(Path.Combine(hotline.Plan.RepositoryRoot, "tests", "eval", file));
        var failures = new List<string>();
        foreach (var item in items)
        {
            var triage = hotline.Triage.Triage(item.Complaint);
            var draft = drafter.Draft(triage).Draft;
            var verdict = rubric.Check(draft, triage.Covered);
            if (!verdict.Passed)
            {
                failures.Add($"{item.Complaint}\n  → {draft}\n  ✗ {string.Join("; ", verdict.Problems)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count}/{items.Count} drafts fail:\n{string.Join("\n", failures)}");
    }

    [Theory]
    [InlineData("市民来电：楼下油烟大。此事由德胜街道办事处办理。", "record word")]
    [InlineData("您反映的社会生活噪声问题，由德胜街道办事处办理。", "jargon")]
    [InlineData("您的电话13812345678已记录，由德胜街道办事处办理。", "digit run")]
    [InlineData("由区生态环境局、区市场监管局、西城公安分局、德胜街道办事处办理。", "4 units")]
    [InlineData("您好，我们已记录，将尽快办理。", "names no handling unit")]
    [InlineData("德胜街道办事处将优化夜间施工证明办理条件和程序，加大服务指导力度。按照重大项目建筑垃圾运输通行保障工作方案要求办理。", "copies more than 30")]
    public void The_rubric_catches_each_fault(string draft, string problem)
    {
        var verdict = Rubric.Check(draft, planCovers: true);

        Assert.False(verdict.Passed);
        Assert.Contains(verdict.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Too_long_and_an_uncovered_matter_told_about_the_plan_or_sent_nowhere_fail()
    {
        var longDraft = "您好！" + new string('好', 330) + "德胜街道办事处办理。";

        Assert.Contains(Rubric.Check(longDraft, planCovers: true).Problems, p => p.StartsWith("length", StringComparison.Ordinal));
        // A matter the plan does not cover: the supervisors marked down both talk of the plan and a bare 职能部门.
        Assert.Contains(Rubric.Check("您好，已转交职能部门办理。", planCovers: false).Problems, p => p.Contains("names no street office", StringComparison.Ordinal));
        Assert.Contains(Rubric.Check("您好！这一问题不在西城区2024年污染防治行动计划所列的事项之中，将转交德胜街道办事处办理。", planCovers: false).Problems,
            p => p.Contains("mentions the plan", StringComparison.Ordinal));
        Assert.True(Rubric.Check("您好！我们将把此事转交德胜街道办事处办理。", planCovers: false).Passed);
        Assert.True(Rubric.Check("您好！我们将把此事转交问题所在地的街道办事处办理。", planCovers: false).Passed);
    }
}
