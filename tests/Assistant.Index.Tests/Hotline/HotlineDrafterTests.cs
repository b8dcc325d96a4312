using System.Text.RegularExpressions;
using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

[Collection(HotlineCollection.Name)]
public sealed partial class HotlineDrafterTests(HotlineFixture hotline)
{
    // Unusual figures, so any other number of hours or days in a draft could only be invented.
    private static readonly DraftTerms Terms = new(ContactWithinHours: 37, ResolveWithinDays: 11);

    private HotlineReply Draft(string complaint) =>
        new HotlineDrafter(hotline.Plan.Knowledge, Terms).Draft(hotline.Triage.Triage(complaint));

    [Fact]
    public void Reply_restates_quotes_the_plan_names_units_and_takes_time_limits_from_settings()
    {
        var reply = Draft("我家在德胜街道新康社区，楼下新开了一家烧烤店，每天晚上油烟特别大");

        Assert.StartsWith("您好！感谢您致电12345市民服务热线。", reply.Draft);
        Assert.Contains("德胜街道新康社区的餐饮油烟扰民问题", reply.Draft);
        Assert.Contains("西政办发〔2024〕2号", reply.Draft);
        Assert.Contains("（附件1 第15项 加强餐饮油烟源头管控，附件1-15-1）", reply.Draft);
        Assert.Contains("（附件1 第19项 提升生态环境类接诉即办工作成效，附件1-19-1）", reply.Draft);
        Assert.Contains("转交区生态环境局、区市场监管局、德胜街道办事处办理", reply.Draft);
        Assert.Contains("37小时内与您联系", reply.Draft);
        Assert.Contains("力争在11日内", reply.Draft);
    }

    [Theory]
    [InlineData("金融街那边有个工地晚上十点多了还在用电锯切割，噪音扰民严重")]
    [InlineData("反映机动车违法鸣笛问题，南礼士路路口早晚高峰喇叭声不断")]
    [InlineData("展览路那边的施工工地没有围挡，运土的车出来也不冲洗，扬尘很严重")]
    [InlineData("小区垃圾站太臭了，垃圾好几天不清运")]
    public void Reply_invents_no_time_limit(string complaint)
    {
        var reply = Draft(complaint);

        // Every "N小时/N日/N天/N个工作日" in the reply is one of the configured limits.
        foreach (Match m in TimeLimit().Matches(reply.Draft))
        {
            Assert.Contains(m.Groups[1].Value, new[] { "37", "11" });
        }

        Assert.DoesNotContain("保证", reply.Draft);
        Assert.DoesNotContain("一定", reply.Draft);
    }

    [Fact]
    public void Quotes_are_the_plans_own_words()
    {
        var triage = hotline.Triage.Triage("反映机动车违法鸣笛问题，南礼士路路口早晚高峰喇叭声不断");
        var measure = triage.Basis[0].Measure;

        var quote = HotlineDrafter.Quote(measure, triage);

        // 附件1-18-3 is long: the sentence about horns, marked as cut.
        Assert.StartsWith("……", quote);
        Assert.Contains("违法鸣笛", quote);
        Assert.Contains(quote.Trim('…'), measure.Text);
    }

    [Fact]
    public void Dispatch_note_suggests_units_with_their_basis_and_flags_inferred_splits()
    {
        var reply = Draft("德胜门箭楼下面每天晚上都有人跳广场舞，音响开得特别大");

        Assert.Contains("问题类别：社会生活噪声", reply.DispatchNote);
        Assert.Contains("属地街道：德胜街道", reply.DispatchNote);
        Assert.Contains("建议承办单位：西城公安分局、区生态环境局、德胜街道办事处", reply.DispatchNote);
        Assert.Contains("- 附件1-18-4 ", reply.DispatchNote);
        Assert.Contains("附件1-18-4 的主责/协办单位划分是根据原文表格排版推断的", reply.DispatchNote);
        Assert.Contains("本中心设置，非行动计划规定", reply.DispatchNote);
    }

    [Fact]
    public void Night_construction_reminds_the_operator_of_the_permit()
    {
        var reply = Draft("什刹海那边有个工地，半夜还在打桩");

        Assert.Contains("发生时段：夜间", reply.DispatchNote);
        Assert.Contains("夜间施工证明", reply.DispatchNote);
    }

    [Fact]
    public void Complaint_outside_the_plan_is_said_to_be_so()
    {
        var reply = Draft("小区垃圾站太臭了，垃圾好几天不清运");

        Assert.Contains("不在《推进美丽西城建设", reply.Draft);
        Assert.DoesNotContain("附件", reply.Draft);
        Assert.Contains("行动计划中没有直接对应的措施", reply.DispatchNote);
        Assert.Contains("属地街道：未注明", reply.DispatchNote);
    }

    [Fact]
    public void Reply_carries_no_personal_data()
    {
        var reply = Draft("牛街西里楼下烧烤油烟大，我电话13812345678，身份证110102198001011234，住3号楼2单元501");

        Assert.DoesNotContain("13812345678", reply.Draft);
        Assert.DoesNotContain("110102198001011234", reply.Draft);
        Assert.DoesNotContain("501", reply.Draft);
        Assert.DoesNotContain("13812345678", reply.DispatchNote);
    }

    [GeneratedRegex(@"(\d+)\s*(?:个)?(?:小时|工作日|日|天)")]
    private static partial Regex TimeLimit();
}
