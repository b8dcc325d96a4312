using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>Golden complaints: category, street and the plan measures that apply.</summary>
[Collection(HotlineCollection.Name)]
public sealed class ComplaintTriageTests(HotlineFixture hotline)
{
    [Theory]
    // The anchors: 油烟 → 附件1-15 and 附件1-19; night construction → 1-18 2nd; horns → 3rd; square dancing → 4th.
    [InlineData("德胜街道新风街有家烤肉店，油烟顺着窗户往屋里灌", "餐饮油烟", "德胜街道", "附件1-15-1 附件1-19-1")]
    [InlineData("什刹海那边有个工地，半夜还在打桩，根本睡不着", "建筑施工噪声", "什刹海街道", "附件1-18-2 附件1-19-1")]
    [InlineData("月坛南街路口的出租车老按喇叭", "交通运输噪声", "月坛街道", "附件1-18-3 附件1-19-1")]
    [InlineData("陶然亭公园里跳广场舞的音响太大声了", "社会生活噪声", "陶然亭街道", "附件1-18-4 附件1-19-1")]
    // Noise without a public-place activity: only the 接诉即办 measure.
    [InlineData("隔壁邻居天天晚上开派对，吵得不行", "社会生活噪声", null, "附件1-19-1")]
    [InlineData("工地车辆进出带出来的泥土撒得满马路都是，尘土飞扬", "扬尘", null, "附件1-13-1")]
    [InlineData("白纸坊西街有户人家烧蜂窝煤", "散煤", "白纸坊街道", "附件1-8-2")]
    [InlineData("广外这边有人半夜放鞭炮", "烟花爆竹", "广安门外街道", "附件1-17-2")]
    [InlineData("有人往雨水井里倒剩饭剩菜，一下雨就冲到河里了", "水环境", null, "附件2-11-2")]
    [InlineData("小区没有充电桩，物业不让装", "充电设施", null, "附件1-3-3")]
    [InlineData("路口有人烧纸钱，烟很大", "其他", null, "附件1-17-1")]
    // Nothing in the plan for it: 其他, no basis.
    [InlineData("楼道里堆满了杂物，消防通道都堵了", "其他", null, "")]
    public void Complaint_is_triaged(string complaint, string category, string? street, string refs)
    {
        var t = hotline.Triage.Triage(complaint);

        Assert.Equal(category, t.Category);
        Assert.Equal(street, t.Street?.Name);
        Assert.Equal(refs.Split(' ', StringSplitOptions.RemoveEmptyEntries), t.Basis.Select(b => b.Measure.Ref));
    }

    [Theory]
    // A shop's work through the night (通宵作业) is no building site: it takes a word of building work.
    [InlineData("茶叶店在店内用烘焙机焙茶，焦糊味飘进居民楼，备货期间几乎通宵作业，持续作业到深夜", "餐饮油烟")]
    // 另反映…: what the record adds after the first complaint does not lead, even when louder.
    [InlineData("楼下川菜馆每天上午大量干炒辣椒，辣味经排风管直冲楼上，呛得无法入睡。另反映该店空调外机在卧室窗下，运行时噪声较大。", "餐饮油烟")]
    // What the caller does for a living is no complaint about it; knocking on a door is no noise.
    [InlineData("俺是河南来北京打工的，在饭馆干后厨。退房的时候房东说墙上有印子，押金一千五不给退。", "其他")]
    [InlineData("楼上租户洗澡，水往我家漏，卫生间顶上都泡了。社区来了个小伙子，敲楼上门没人开，就走了。", "其他")]
    // 吵得像放炮 is a figure of speech, not fireworks.
    [InlineData("每天晚上有一帮骑摩托的，改了排气的那种，轰轰的，吵得像放炮，一晚上来回好几趟", "交通运输噪声")]
    // 主要希望解决噪声问题: the caller names the main matter, and it leads over the louder smell words.
    [InlineData("医院的备用柴油发电机每周试机，轰鸣声很大，同时排气口冒黑烟，柴油味飘进家中。主要希望解决噪声问题，其次是黑烟。", "社会生活噪声")]
    [InlineData("楼下烧烤店晚上喝酒划拳吵，炭火烟也大。主要是油烟问题，吵的话能忍。", "餐饮油烟")]
    public void The_complaint_the_caller_puts_first_leads(string complaint, string category)
    {
        Assert.Equal(category, hotline.Triage.Triage(complaint).Category);
    }

    [Theory]
    // What the caller concedes is bearable is not the complaint; what they deny bearing is.
    [InlineData("工地的噪音还能忍，就是灰太大，窗台上一层土", "扬尘")]
    [InlineData("这噪音实在不能忍，工地天天打桩", "建筑施工噪声")]
    // A firework is its own noise: the noise words describe it.
    [InlineData("楼下超市开业放鞭炮，噪音特别大", "烟花爆竹")]
    // Building work after dark is the complaint only when nothing else about it is.
    [InlineData("工地晚上还在干活，一直到很晚", "建筑施工噪声")]
    [InlineData("工地出口不冲洗，车轮带泥上路，晚上也一样", "扬尘")]
    // A neighbour's noise said only by what they do.
    [InlineData("楼上天天半夜拖椅子，还穿高跟鞋来回走", "社会生活噪声")]
    public void What_the_caller_complains_of_decides_the_category(string complaint, string category)
    {
        Assert.Equal(category, hotline.Triage.Triage(complaint).Category);
    }

    [Theory]
    // A pedestrian bridge is not 天桥街道, 推广外卖 is not 广外.
    [InlineData("过街天桥上有人弹吉他放音箱，声音很大")]
    [InlineData("有人在小区门口推广外卖App，用喇叭喊，太吵了")]
    [InlineData("楼下饭馆油烟太大了")]
    // A Toona tree is not 椿树街道.
    [InlineData("院里那棵大椿树的树枝该修剪了，挡着窗户")]
    public void No_street_when_the_text_names_none(string complaint)
    {
        Assert.Null(hotline.Triage.Triage(complaint).Street);
    }

    [Theory]
    [InlineData("马连道茶城门口的饭店油烟大", "广安门外街道")]
    [InlineData("牛街礼拜寺旁边的烧烤摊烟太大", "牛街街道")]
    [InlineData("我住月坛，但是要反映的是金融街街道那边的工地夜间施工", "金融街街道")]
    [InlineData("广安门内街道长椿街的工地扬尘", "广安门内街道")]
    public void Street_comes_from_names_short_forms_and_places(string complaint, string street)
    {
        Assert.Equal(street, hotline.Triage.Triage(complaint).Street?.Name);
    }

    [Fact]
    public void Longer_words_decide_what_their_characters_mean()
    {
        // 油烟机 is a noise source here, not cooking fumes; 影响 holds no 响.
        Assert.Equal("社会生活噪声", hotline.Triage.Triage("楼下饭店的油烟机噪音特别大，整夜不停").Category);
        Assert.Equal("其他", hotline.Triage.Triage("路灯坏了影响出行").Category);
    }

    [Fact]
    public void A_denied_problem_does_not_count_but_a_rhetorical_one_does()
    {
        var denied = hotline.Triage.Triage("我不是投诉油烟，是楼下饭馆的空调外机太吵");
        var rhetorical = hotline.Triage.Triage("胡同里天天有人放炮，不是禁放吗？");

        Assert.Equal("社会生活噪声", denied.Category);
        Assert.Empty(denied.AlsoConcerns);
        Assert.Equal("烟花爆竹", rhetorical.Category);
        // A comparison is not a complaint about fireworks.
        Assert.Empty(hotline.Triage.Triage("摩托车半夜在马路上飙，声音像放炮一样").AlsoConcerns);
    }

    [Fact]
    public void Building_work_after_dark_is_night_construction_without_a_word_about_noise()
    {
        var t = hotline.Triage.Triage("宣武艺园旁边在盖楼，晚上灯火通明的还在干，混凝土罐车一辆接一辆");

        Assert.Equal("建筑施工噪声", t.Category);
        Assert.Equal("晚上", t.Time?.Period);
    }

    [Fact]
    public void A_second_concern_with_a_cue_of_its_own_is_kept_beside_the_first()
    {
        var t = hotline.Triage.Triage("椿树街道有家饭店油烟大，后厨的风机声音也特别吵");

        Assert.Equal("餐饮油烟", t.Category);
        Assert.Equal(["社会生活噪声"], t.AlsoConcerns);
        // A loud firework is not also a noise complaint.
        Assert.Empty(hotline.Triage.Triage("昨晚十二点多楼下有人放烟花，炸得很响").AlsoConcerns);
    }

    [Fact]
    public void Street_office_stands_in_for_各街道办事处_where_the_plan_gives_streets_a_role()
    {
        var t = hotline.Triage.Triage("德胜街道有家饭馆油烟扰民");

        Assert.Equal(["区生态环境局", "区市场监管局", "德胜街道办事处"], t.LeadUnits);
        Assert.Equal(["区城市管理指挥中心"], t.CoUnits);
        Assert.DoesNotContain("各街道办事处", t.LeadUnits.Concat(t.CoUnits));
    }

    [Fact]
    public void No_street_office_where_the_plan_gives_streets_no_role()
    {
        // 附件1-3-4 (public charging) names no street office.
        var t = hotline.Triage.Triage("西长安街街道附近的公共充电站太少了");

        Assert.Equal(["附件1-3-4"], t.Basis.Select(b => b.Measure.Ref));
        Assert.DoesNotContain(t.LeadUnits.Concat(t.CoUnits), u => u.Contains("街道", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_street_keeps_the_plans_wording()
    {
        var t = hotline.Triage.Triage("楼下饭馆油烟太大了");

        Assert.Contains("各街道办事处", t.LeadUnits);
    }

    [Fact]
    public void Inferred_splits_are_flagged()
    {
        Assert.True(hotline.Triage.Triage("公园里有人跳广场舞，音响很吵").SplitInferred); // 附件1-18-4
        Assert.False(hotline.Triage.Triage("楼下饭馆油烟太大了").SplitInferred);
    }
}
