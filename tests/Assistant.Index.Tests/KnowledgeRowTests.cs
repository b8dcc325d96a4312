using Assistant.Index.Knowledge;

namespace Assistant.Index.Tests;

/// <summary>Rows checked by eye against the seed, pinned so an edit to plan.json cannot silently change them.</summary>
[Collection(PlanCollection.Name)]
public sealed class KnowledgeRowTests(PlanFixture plan)
{
    [Theory]
    // 附件1-1: several leads; the co list ends in a group label wrapped over three lines.
    [InlineData("附件1-1-1", "年底前", "区生态环境局|各街道办事处", "区交通委|区城市管理委|区发展改革委|区住房城市建设委|等其他区委生态文明委环境污染防治工作小组成员单位")]
    // 附件1-3-1: 市交通委西城运输管|理分局 wraps at 9 characters → lead; 市规划自然资源委西城|分局 at 10 → co.
    [InlineData("附件1-3-1", "按时间节点完成", "区发展改革委|区城市管理委|市交通委西城运输管理分局", "市规划自然资源委西城分局|区财政局|各街道办事处")]
    // 附件1-6-1 and 1-6-3: "4 月 1 日起" and "6-9 月" deadlines, co ——.
    [InlineData("附件1-6-1", "4月1日起", "区生态环境局", "")]
    [InlineData("附件1-6-3", "6-9月", "区商务局|区生态环境局", "")]
    // 附件1-10-4: the 叉车 measure; the blank line separates leads from the co unit.
    [InlineData("附件1-10-4", "年底前", "区城市管理委|区发展改革委|区国资委", "区生态环境局")]
    // 附件1-15-1: the cooking-fumes measure every hotline operator asks about.
    [InlineData("附件1-15-1", "长期实施", "区生态环境局|区市场监管局", "各街道办事处")]
    // 附件1-18-3: the cell is split by a page break (header row inside the cell).
    [InlineData("附件1-18-3", "年底前", "区交通委|西城交通支队", "区财政局|区生态环境局|区住房城市建设委")]
    [InlineData("附件1-22-1", "4月底前", "区生态环境局|各街道办事处", "区交通委|区城市管理委|区发展改革委|区住房城市建设委|等其他环境污染防治工作小组成员单位")]
    // 附件2-6-2: 北京市排水集团|一分公司 wrapped; 9月底前.
    [InlineData("附件2-6-2", "9月底前", "区水务局|各街道办事处", "北京市排水集团一分公司")]
    // 附件3-8-1: one-line row; the seed writes 3月底 without 前.
    [InlineData("附件3-8-1", "3月底", "区生态环境局", "")]
    [InlineData("附件3-10-1", "年底前", "区生态环境局", "相关街道办事处")]
    [InlineData("附件4-8-4", "年底前", "区城市管理委", "")]
    [InlineData("附件5-8-1", "持续推进", "区园林绿化局", "区生态环境局")]
    public void Row_matches_the_seed(string reference, string deadline, string leads, string cos)
    {
        var m = plan.Knowledge.FindMeasure(reference);
        Assert.NotNull(m);
        Assert.Equal(deadline, m.Deadline.Text);
        Assert.Equal(Split(leads), m.LeadUnits);
        Assert.Equal(Split(cos), m.CoUnits);
    }

    [Fact]
    public void Measure_text_is_the_seeds_wording_without_layout()
    {
        var m = plan.Knowledge.FindMeasure("附件1-10-4")!;
        Assert.Equal("加快推进3吨及以下的叉车基本为纯电动或氢燃料电池叉车。全年完成叉车电动化数量不少于10辆。", m.Text);

        // Joined across the page break, without the header row.
        var split = plan.Knowledge.FindMeasure("附件1-18-3")!;
        Assert.EndsWith("推动将噪声污染严重路段或区域纳入市级交通噪声缓解工作计划。", split.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("序号", split.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_annex_has_its_tasks_in_order()
    {
        var counts = plan.Knowledge.Plan.Annexes.ToDictionary(a => a.Number, a => a.Tasks.Count);
        Assert.Equal(new Dictionary<int, int> { [1] = 25, [2] = 15, [3] = 11, [4] = 18, [5] = 8 }, counts);
        foreach (var annex in plan.Knowledge.Plan.Annexes)
        {
            Assert.Equal(Enumerable.Range(1, annex.Tasks.Count), annex.Tasks.Select(t => t.Number));
        }
    }

    [Fact]
    public void Multi_measure_tasks_keep_each_row()
    {
        Assert.Equal(5, plan.Knowledge.FindTask("附件1-3")!.Measures.Count);
        Assert.Equal(6, plan.Knowledge.FindTask("附件1-9")!.Measures.Count);
        Assert.Equal(4, plan.Knowledge.FindTask("附件1-18")!.Measures.Count);
        Assert.Equal(5, plan.Knowledge.FindTask("附件5-4")!.Measures.Count);
    }

    [Fact]
    public void Inferred_splits_say_why()
    {
        var inferred = plan.Knowledge.Plan.Measures.Where(m => m.SplitInferred).ToList();
        Assert.NotEmpty(inferred);
        Assert.All(inferred, m => Assert.False(string.IsNullOrWhiteSpace(m.Note)));
    }

    [Fact]
    public void Every_reading_note_has_a_chinese_version_for_staff_that_names_the_same_units()
    {
        var noted = plan.Knowledge.Plan.Measures.Where(m => m.Note is not null).ToList();
        var unitNames = plan.Knowledge.Units.SelectMany(u => u.Aliases.Prepend(u.Name)).Where(n => n.Length >= 3).ToList();

        Assert.All(noted, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.NoteZh), m.Ref);
            Assert.Equal(m.NoteZh, m.StaffNote);
            Assert.DoesNotMatch("[A-Za-z]{3,}", m.NoteZh!.Replace("PDF", "", StringComparison.Ordinal));
            // A unit the reading names (区国资委 could be co) is named in the translation too.
            foreach (var unit in m.LeadUnits.Concat(m.CoUnits).Concat(unitNames).Where(u => m.Note!.Contains(u, StringComparison.Ordinal)))
            {
                Assert.True(m.NoteZh!.Contains(unit, StringComparison.Ordinal), $"{m.Ref}: {unit}");
            }
        });
    }

    [Fact]
    public void Street_targets_cover_all_fifteen_streets()
    {
        Assert.Equal(15, plan.Knowledge.Plan.StreetTargets.Count);
        var desheng = plan.Knowledge.Plan.StreetTargets.Single(t => t.Street == "德胜街道");
        Assert.Equal((35, 54, 76, 4, 3), (desheng.Pm25Annual, desheng.Pm25Q1, desheng.GoodDaysRatio, desheng.HeavyPollutionDays, desheng.HeavyPollutionDaysQ1));
        Assert.All(plan.Knowledge.Plan.StreetTargets, t => Assert.NotNull(plan.Knowledge.FindStreet(t.Street)));
    }

    [Fact]
    public void District_targets_are_annex_6()
    {
        var forklifts = plan.Knowledge.Plan.DistrictTargets.Single(t => t.Name.StartsWith("叉车", StringComparison.Ordinal));
        Assert.Equal(("10", "辆"), (forklifts.Value, forklifts.Unit));
        Assert.Equal(13, plan.Knowledge.Plan.DistrictTargets.Count);
    }

    [Fact]
    public void Lookups_by_unit_and_deadline()
    {
        Assert.Contains(plan.Knowledge.LedBy("区园林绿化局"), m => m.Ref == "附件5-8-1");
        Assert.Contains(plan.Knowledge.CoOperatedBy("区房管局"), m => m.Ref == "附件1-3-3");
        var april = plan.Knowledge.DueWithin(new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30));
        Assert.Contains(april, m => m.Ref == "附件1-22-1");
        Assert.DoesNotContain(april, m => m.Deadline.Text == "年底前");
    }

    [Fact]
    public void Every_unit_in_the_plan_is_in_units_json_with_unique_aliases()
    {
        var names = plan.Knowledge.Units.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(plan.Knowledge.Plan.Measures.SelectMany(m => m.LeadUnits.Concat(m.CoUnits)), u => Assert.Contains(u, names));
        var aliases = plan.Knowledge.Units.SelectMany(u => u.Aliases).ToList();
        Assert.Equal(aliases.Count, aliases.Distinct(StringComparer.Ordinal).Count());
    }

    private static string[] Split(string s) => s.Length == 0 ? [] : s.Split('|');
}
