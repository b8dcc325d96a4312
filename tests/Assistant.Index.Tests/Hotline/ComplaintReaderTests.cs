using Assistant.Index.Hotline;
using Assistant.Index.Search;

namespace Assistant.Index.Tests.Hotline;

public sealed class ComplaintReaderTests
{
    [Theory]
    [InlineData("工地晚上十点多了还在施工", "夜间", 22)]
    [InlineData("凌晨两点还在干活", "夜间", 2)]
    [InlineData("早上五点多就有人在公园唱歌", "夜间", 5)]
    [InlineData("挖掘机从早上六点就开始轰", "昼间", 6)]
    // The evening word places the later bare hour: 21:30 is still 昼间 (night is 22:00–06:00).
    [InlineData("每天晚上都有人跳广场舞，一直跳到九点半", "昼间", 21)]
    [InlineData("昨晚十二点多有人放烟花", "夜间", 0)]
    [InlineData("晚上11点以后还有渣土车进出", "夜间", 23)]
    [InlineData("楼上半夜装修", "夜间", null)]
    // 晚上 with no hour may or may not be night: said as it is.
    [InlineData("每天晚上都有人在楼下喝酒", "晚上", null)]
    [InlineData("游客晚上在酒吧门口喧哗，有时候到一两点", "夜间", 1)]
    [InlineData("每天中午炸东西", "昼间", null)]
    [InlineData("中午一点多还在电钻", "昼间", 13)]
    public void Time_of_day_is_read(string text, string period, int? hour)
    {
        var time = ComplaintReader.ReadTime(ChineseText.Normalize(text));

        Assert.NotNull(time);
        Assert.Equal(period, time.Period);
        Assert.Equal(hour, time.Hour);
    }

    [Theory]
    [InlineData("声音小一点行吗")]
    [InlineData("楼下饭馆油烟太大了")]
    public void No_time_when_none_is_said(string text)
    {
        Assert.Null(ComplaintReader.ReadTime(ChineseText.Normalize(text)));
    }

    [Fact]
    public void Facts_hold_where_since_how_often_and_earlier_reports()
    {
        var facts = ComplaintReader.ReadFacts("我家在德胜街道新康社区，楼下烧烤店每天晚上油烟特别大，已经持续一个多月了，投诉过两次没人管", "德胜街道");

        Assert.Equal("德胜街道新康社区", facts.Where);
        Assert.Equal("持续一个多月了", facts.Since);
        Assert.Equal("每天晚上", facts.Frequency);
        Assert.True(facts.ReportedBefore);
    }

    [Fact]
    public void Summary_of_a_transcript_speaks_of_the_problem_not_the_caller()
    {
        var facts = ComplaintReader.ReadFacts("来电人反映：鼓楼西大街附近的工地最近一周每天夜里施工，来电人此前已反映过一次，希望尽快处理。", "什刹海");

        Assert.Equal("鼓楼西大街附近的工地最近一周每天夜里施工，希望尽快处理", facts.Summary);
        Assert.Equal("最近一周", facts.Since);
        Assert.Equal("每天夜里", facts.Frequency);
        Assert.True(facts.ReportedBefore);
    }

    [Theory]
    [InlineData("德胜门箭楼下面每天晚上有人跳广场舞", "德胜", "德胜街道", "德胜门箭楼下面")]
    [InlineData("西直门内大街上有家饭馆油烟很大", "西直门内大街", "新街口街道", "西直门内大街")]
    [InlineData("我住月坛街道三里河一区，三里河公园门口每晚跳舞太吵", "月坛街道", "月坛街道", "三里河公园门口")]
    [InlineData("金融街那边有个工地夜间施工", "金融街", "金融街街道", "金融街那边")]
    // The caller's own words for the place, even a short form.
    [InlineData("广外有人放鞭炮", "广外", "广安门外街道", "广外")]
    public void Where_is_the_callers_place_phrase_whole(string complaint, string evidence, string street, string where)
    {
        Assert.Equal(where, ComplaintReader.ReadFacts(complaint, evidence, street, [evidence, "三里河"], ["饭馆", "油烟", "跳舞", "吵", "广场舞", "鞭炮"]).Where);
    }

    [Fact]
    public void Summary_leaves_out_contact_details()
    {
        var facts = ComplaintReader.ReadFacts("楼下饭馆油烟大，我的电话13812345678，住3号楼2单元501", null);

        Assert.Equal("楼下饭馆油烟大", facts.Summary);
    }
}
