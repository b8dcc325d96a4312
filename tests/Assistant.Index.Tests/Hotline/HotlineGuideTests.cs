using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>knowledge/hotline.json is data: every ref it names must be a measure of the plan, about what it claims.</summary>
[Collection(HotlineCollection.Name)]
public sealed class HotlineGuideTests(HotlineFixture hotline)
{
    private HotlineGuide Guide => hotline.Triage.Guide;

    [Fact]
    public void Guide_names_the_ten_categories_and_only_measures_of_the_plan()
    {
        Assert.Empty(Guide.Validate(hotline.Plan.Knowledge));
        Assert.Equal(ComplaintCategories.All.Order(StringComparer.Ordinal), Guide.Categories.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_unit_of_every_mapped_measure_is_a_known_unit()
    {
        var refs = Guide.Categories.SelectMany(c => c.Refs.Concat(c.DefaultRefs).Concat(c.Topics.SelectMany(t => t.Refs))).Distinct().ToList();
        Assert.NotEmpty(refs);
        foreach (var reference in refs)
        {
            var measure = hotline.Plan.Knowledge.FindMeasure(reference);
            Assert.NotNull(measure);
            Assert.NotEmpty(measure.LeadUnits);
            foreach (var unit in measure.LeadUnits.Concat(measure.CoUnits))
            {
                Assert.True(hotline.Plan.Knowledge.FindUnit(unit) is not null, $"{reference}: unit '{unit}' is not in units.json");
            }
        }
    }

    [Fact]
    public void No_word_hides_a_stronger_meaning_inside_it()
    {
        // Cues match longest first, so a context word that contains another category's own cue (鸣笛声 ⊃ 鸣笛) would
        // silently take its place unless it carries that meaning itself. Weak one-character cues are meant to be
        // hidden (推土机 is no 土 of dust).
        var own = Guide.Categories.SelectMany(c => c.Cues.Where(p => p.Value >= 2).Select(p => (Word: p.Key, Category: c.Name))).ToList();
        var hidden = Guide.Categories
            .SelectMany(c => c.ContextCues.Keys.Select(w => (Word: w, Category: c.Name)))
            .SelectMany(ctx => own.Where(o => o.Word != ctx.Word && ctx.Word.Contains(o.Word, StringComparison.Ordinal)
                                             && !Guide.Category(o.Category).Cues.ContainsKey(ctx.Word))
                                  .Select(o => $"{ctx.Word} ({ctx.Category}) hides {o.Word} ({o.Category})"))
            .ToList();

        Assert.Empty(hidden);
    }

    [Theory]
    // Each mapping is grounded in the measure's own words, so a renumbered plan.json cannot silently point elsewhere.
    [InlineData("附件1-15-1", "餐饮")]
    [InlineData("附件1-19-1", "油烟、噪声等共性问题")]
    [InlineData("附件1-18-2", "夜间施工")]
    [InlineData("附件1-18-3", "鸣笛")]
    [InlineData("附件1-18-4", "公共场所娱乐健身活动噪声")]
    [InlineData("附件1-13-1", "遗撒")]
    [InlineData("附件1-13-2", "裸地")]
    [InlineData("附件1-14-1", "施工扬尘")]
    [InlineData("附件1-14-2", "扬尘问题")]
    [InlineData("附件1-8-2", "散煤")]
    [InlineData("附件1-17-1", "文明祭祀")]
    [InlineData("附件1-17-2", "烟花爆竹")]
    [InlineData("附件1-3-3", "居住区充电设施")]
    [InlineData("附件1-3-4", "公共充电设施")]
    [InlineData("附件1-7-2", "汽车维修")]
    [InlineData("附件1-7-3", "汽修")]
    [InlineData("附件1-6-1", "加油站")]
    [InlineData("附件1-6-2", "流动加油车")]
    [InlineData("附件1-11-1", "重型柴油车")]
    [InlineData("附件2-6-1", "雨污混接")]
    [InlineData("附件2-6-2", "雨水口")]
    [InlineData("附件2-6-3", "水体垃圾、漂浮物")]
    [InlineData("附件2-8-1", "排污口")]
    [InlineData("附件2-9-2", "小微水体")]
    [InlineData("附件2-11-2", "倾倒垃圾")]
    public void Mapped_measure_says_what_the_mapping_claims(string reference, string words)
    {
        var measure = hotline.Plan.Knowledge.FindMeasure(reference);
        Assert.NotNull(measure);
        Assert.Contains(words, measure.Text + measure.TaskName);
        var mapped = Guide.Categories.SelectMany(c => c.Refs.Concat(c.DefaultRefs).Concat(c.Topics.SelectMany(t => t.Refs)));
        Assert.Contains(reference, mapped);
    }
}
