using Assistant.Index.Hotline;
using Assistant.Index.Search;

namespace Assistant.Index.Tests.Hotline;

/// <summary>
/// The caller-facing reply as a 12345 supervisor reads it: the restatement built from the triage (place, time, the
/// thing, plain words) rather than a cut of the raw speech, repeat calls said in many ways, a second concern kept, a
/// noise clause about the source, and a matter outside the plan routed to the street office of the place.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed class ReplyFromTriageTests(HotlineFixture hotline)
{
    private HotlineDrafter Drafter => new(hotline.Plan.Knowledge, new DraftTerms(37, 11), hotline.Triage.Guide);

    private DraftRubric Rubric => new(hotline.Plan.Knowledge, hotline.Plan.Runtime.Gazetteer);

    private (Triage Triage, HotlineReply Reply) Draft(string complaint)
    {
        var triage = hotline.Triage.Triage(complaint);
        return (triage, Drafter.Draft(triage));
    }

    private static string FirstSentence(string draft) => draft[..(draft.IndexOf('。') + 1)];

    [Theory]
    [InlineData("喂，陶然亭这片儿有家烤肉店贼呛人，每天晚上都这样", new[] { "陶然亭", "每天晚上", "烤肉", "油烟扰民" }, new[] { "喂", "贼", "这片儿", "：" })]
    [InlineData("俺们小区门口的工地凌晨两点还在用破碎锤，俺睡不着", new[] { "您所在的小区门口", "凌晨两点", "破碎锤", "施工噪声扰民" }, new[] { "俺", "：" })]
    [InlineData("白纸坊那边每天后半夜渣土车过，路不平哐当哐当的", new[] { "白纸坊", "每天后半夜", "渣土车" }, new[] { "哐当", "：" })]
    [InlineData("西直门内大街上老有改装摩托炸街，半夜轰油门", new[] { "西直门内大街", "半夜", "改装摩托", "车辆噪声扰民" }, new[] { "老有", "：" })]
    public void Restatement_is_built_from_the_place_the_time_and_the_thing_not_cut_from_the_speech(string complaint, string[] kept, string[] dropped)
    {
        var (triage, reply) = Draft(complaint);
        var restated = FirstSentence(reply.Draft);

        Assert.All(kept, k => Assert.Contains(k, restated));
        Assert.All(dropped, d => Assert.DoesNotContain(d, restated));
        Assert.True(Rubric.Check(reply.Draft, triage.Covered).Passed, reply.Draft);
    }

    [Theory]
    [InlineData("这都第3次打12345了，金融街那边工地晚上还在打桩")]
    [InlineData("反映过两次了，西单路口天天有人按喇叭")]
    [InlineData("上回说派人来看也没来，广内这边的烧烤还是天天烤")]
    [InlineData("我再说一遍，白纸坊有家饭店油烟大")]
    [InlineData("打了好几回电话了，陶然亭公园广场舞太吵")]
    [InlineData("什刹海那个酒吧的音响一直没人管，每天闹到一点")]
    public void Repeat_calls_said_in_other_words_are_acknowledged(string complaint)
    {
        var (triage, reply) = Draft(complaint);

        Assert.True(triage.Facts.ReportedBefore);
        Assert.Contains("您此前已反映过这一问题，本次已按重复诉求标注，并请办理单位说明前期处理情况。", reply.Draft);
        Assert.Contains(HotlineDrafter.FlagRepeat, reply.DispatchNote);
    }

    [Theory]
    [InlineData("金融街那边工地又打桩了，半夜吵得睡不着")]
    [InlineData("第一次打电话，新街口有家饭店油烟大")]
    [InlineData("月坛公园里再往东一点有人放音响跳舞")]
    public void A_first_call_is_not_taken_for_a_repeat(string complaint)
    {
        var (triage, reply) = Draft(complaint);

        Assert.False(triage.Facts.ReportedBefore);
        Assert.DoesNotContain("此前已反映过", reply.Draft);
    }

    [Theory]
    [InlineData("椿树街道有家饭店油烟大，而且后厨的风机声音特别吵，晚上十一点还在响")]
    [InlineData("展览馆路上有个路边摊卖煎饼，晚上出摊，也有个小喇叭在喊，但是最主要是油烟太呛了")]
    public void A_second_concern_is_mentioned_in_one_clause(string complaint)
    {
        var (triage, reply) = Draft(complaint);

        Assert.NotEmpty(triage.AlsoConcerns);
        var plain = hotline.Triage.Guide.Category(triage.AlsoConcerns[0]).Plain ?? triage.AlsoConcerns[0];
        Assert.Contains($"您提到的{plain}情况也一并转办。", reply.Draft);
        Assert.True(Rubric.Check(reply.Draft, triage.Covered).Passed, reply.Draft);
    }

    [Theory]
    [InlineData("新街口有个工地夜里一点还在打钻")]
    [InlineData("平安里大街天天有车按喇叭，吵死了")]
    [InlineData("陶然亭公园里每天晚上有人拿大音箱跳广场舞")]
    public void Noise_replies_quote_a_clause_about_the_source_not_the_generic_one(string complaint)
    {
        var (triage, reply) = Draft(complaint);
        var category = hotline.Triage.Guide.Category(triage.Category);

        Assert.True(category.Noise);
        Assert.NotNull(reply.Handling?.Quote);
        Assert.DoesNotContain("共性问题", reply.Draft);
        Assert.Contains(category.QuoteWords, w => reply.Handling!.Quote!.Contains(w, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("楼上卫生间漏水，把我家天花板泡了，我家在广内街道", "广安门内街道办事处")]
    [InlineData("金融街这边小区车位老被外面的车占，停车纠纷没人解决", "金融街街道办事处")]
    [InlineData("什刹海街道的楼道里堆满了杂物，邻居也不清理", "什刹海街道办事处")]
    public void A_matter_outside_the_plan_says_so_once_and_goes_to_the_street_office_of_the_place(string complaint, string office)
    {
        var (triage, reply) = Draft(complaint);

        Assert.False(triage.Covered);
        Assert.True(DraftRubric.SaysNotCovered(reply.Draft));
        Assert.Contains($"12345热线将按常规转交{office}办理", reply.Draft);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(reply.Draft, "行动计划"));
        Assert.Equal([office], Rubric.UnitsNamed(ChineseText.Normalize(reply.Draft)));
        Assert.DoesNotContain("生态环境工作", reply.Draft);
        Assert.True(Rubric.Check(reply.Draft, triage.Covered).Passed, reply.Draft);
    }
}
