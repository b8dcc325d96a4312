using System.Text.RegularExpressions;
using Assistant.Index.Hotline;
using Assistant.Index.Search;

namespace Assistant.Index.Tests.Hotline;

[Collection(HotlineCollection.Name)]
public sealed partial class HotlineDrafterTests(HotlineFixture hotline)
{
    // Unusual figures, so any other number of hours or days in a draft could only be invented.
    private static readonly DraftTerms Terms = new(ContactWithinHours: 37, ResolveWithinDays: 11);

    private HotlineDrafter Drafter => new(hotline.Plan.Knowledge, Terms, hotline.Triage.Guide);

    private HotlineReply Draft(string complaint) => Drafter.Draft(hotline.Triage.Triage(complaint));

    private DraftRubric Rubric => new(hotline.Plan.Knowledge, hotline.Plan.Runtime.Gazetteer);

    [Fact]
    public void Reply_restates_in_the_callers_words_names_the_street_office_and_one_department_and_takes_time_limits_from_settings()
    {
        var reply = Draft("我家在德胜街道新康社区，楼下新开了一家烧烤店，每天晚上油烟特别大，窗户都不敢开，希望有关部门管管");

        // One sentence a supervisor would write: where (the caller's place), what (source and problem), when.
        Assert.StartsWith("您好！您反映德胜街道新康社区有烧烤店每天晚上油烟扰民的问题", reply.Draft);
        Assert.Contains("此事由德胜街道办事处会同区生态环境局办理。", reply.Draft);
        Assert.Contains("37小时内", reply.Draft);
        Assert.Contains("11日内", reply.Draft);
        Assert.DoesNotContain("希望有关部门", reply.Draft);
        Assert.DoesNotContain("生态环境工作", reply.Draft);
        Assert.True(Rubric.Check(reply.Draft, planCovers: true).Passed);
    }

    [Fact]
    public void The_place_of_the_problem_is_restated_whole_not_where_the_caller_lives()
    {
        var triage = hotline.Triage.Triage("我住在德胜街道，月坛公园门口每天晚上十点后还有人跳广场舞，音响特别吵，已经打过好几次电话了");
        var reply = Drafter.Draft(triage);

        Assert.Equal("月坛公园门口", triage.Facts.Where);
        Assert.Equal("月坛街道", triage.Street?.Name);
        Assert.Equal("德胜街道", triage.HomeStreet?.Name);
        Assert.Contains("您反映月坛公园门口有人每天晚上十点以后跳广场舞、音响声音过大的问题", reply.Draft);
        Assert.Contains("您此前已反映过此问题，我们已注明是再次反映", reply.Draft);
        Assert.Contains("月坛街道办事处会同西城公安分局办理", reply.Draft);
        Assert.Contains(HotlineDrafter.FlagRepeat, reply.DispatchNote);
        Assert.Contains(HotlineDrafter.FlagNight, reply.DispatchNote);
        Assert.Contains(HotlineDrafter.FlagElsewhere, reply.DispatchNote);
        Assert.Contains("来电人住址在德胜街道", reply.DispatchNote);
    }

    [Fact]
    public void A_caller_from_another_street_is_restated_from_the_problem_on_and_flagged()
    {
        var triage = hotline.Triage.Triage("我家住月坛，但要反映的是广安门内大街那家烧烤店，每天晚上油烟呛得没法开窗，他们说有营业执照");
        var reply = Drafter.Draft(triage);

        Assert.StartsWith("您好！您反映广安门内大街有烧烤店每天晚上油烟呛人的问题", reply.Draft);
        Assert.Contains("广安门内街道办事处会同区生态环境局办理", reply.Draft);
        Assert.Contains("您提到的营业执照情况", reply.Draft);
        Assert.Contains("问题地点与来电人住址不在同一街道", reply.DispatchNote);
        Assert.Contains("来电人住址在月坛街道", reply.DispatchNote);
    }

    [Fact]
    public void Night_work_quotes_the_clause_on_illegal_night_work_and_flags_the_permit()
    {
        var reply = Draft("什刹海那边有个工地，半夜还在打桩，他们说有夜间施工证明，可证明上写的是白天浇筑");

        Assert.Contains("“加大违法夜间施工查处力度”", reply.Draft);
        Assert.Contains("什刹海街道办事处会同区城管执法局办理", reply.Draft);
        Assert.Contains("您提到的夜间施工证明情况，将请办理单位一并核实并向您反馈。", reply.Draft);
        Assert.DoesNotContain("通行证", reply.Draft);
        Assert.Contains("涉及证照/许可（“夜间施工证明”）", reply.DispatchNote);
        Assert.Contains("主办：区城管执法局（附件1-18-2 主责）", reply.DispatchNote);
        Assert.Contains("属地：什刹海街道办事处（附件1-19-1 主责：各街道办事处）", reply.DispatchNote);
    }

    [Fact]
    public void Dispatch_note_gives_one_lead_the_street_office_at_most_two_co_units_full_refs_and_the_inferred_split()
    {
        var reply = Draft("德胜门箭楼下面每天晚上都有人跳广场舞，音响开得特别大");
        var handling = reply.Handling!;

        Assert.Equal("西城公安分局", handling.Lead?.Unit);
        Assert.Equal("附件1-18-4", handling.Lead?.Ref);
        Assert.Equal("德胜街道办事处", handling.Local?.Unit);
        Assert.InRange(handling.Co.Count, 1, 2);
        Assert.All(handling.Co, c => Assert.False(string.IsNullOrEmpty(c.Ref)));
        Assert.Contains("计划依据（附件1-18-4、附件1-19-1）", reply.DispatchNote);
        Assert.Contains("附件1-18-4 的主责/协办单位划分是根据原文表格排版推断的", reply.DispatchNote);
        Assert.Contains("本中心设置，非行动计划规定", reply.DispatchNote);
        Assert.DoesNotContain("区交通委", reply.Draft);
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

    [Theory]
    [InlineData("胡同里有人半夜放鞭炮，吓得孩子直哭")]
    [InlineData("什刹海那边有个工地，半夜还在打桩")]
    [InlineData("反映机动车违法鸣笛问题，南礼士路路口早晚高峰喇叭声不断")]
    public void The_quoted_clause_is_the_plans_own_words_and_short(string complaint)
    {
        var triage = hotline.Triage.Triage(complaint);
        var reply = Drafter.Draft(triage);
        var quote = reply.Handling!.Quote!;

        Assert.InRange(quote.Length, 6, 30);
        var measure = hotline.Plan.Knowledge.FindMeasure(reply.Handling.QuoteRef!)!;
        Assert.Contains(quote.Replace('‘', '“').Replace('’', '”'), measure.Text);
        Assert.Contains(triage.Basis, b => b.Measure.Ref == measure.Ref);
    }

    [Fact]
    public void Complaint_outside_the_plan_goes_to_the_street_office_without_a_word_of_the_plan()
    {
        var triage = hotline.Triage.Triage("小区垃圾站太臭了，垃圾好几天不清运");
        var reply = Drafter.Draft(triage);

        // The caller hears who takes it in, not which plan does not cover it (the supervisors marked that down).
        Assert.False(triage.Covered);
        Assert.DoesNotContain("行动计划", reply.Draft);
        Assert.Contains("问题所在地的街道办事处", reply.Draft);
        Assert.Equal(["各街道办事处"], Rubric.UnitsNamed(ChineseText.Normalize(reply.Draft)));
        Assert.DoesNotContain("附件", reply.Draft);
        Assert.Contains("计划未涉及", reply.DispatchNote);
        Assert.Contains("属地街道：未注明", reply.DispatchNote);
        Assert.True(Rubric.Check(reply.Draft, triage.Covered).Passed);

        // With the street said, its office is named — a plan unit (各街道办事处), and the only one.
        var placed = hotline.Triage.Triage("展览路街道有家的暖气一直不热，室温才十几度");
        var placedReply = Drafter.Draft(placed);
        Assert.False(placed.Covered);
        Assert.Equal(["展览路街道办事处"], Rubric.UnitsNamed(ChineseText.Normalize(placedReply.Draft)));
        Assert.Contains("转办：展览路街道办事处", placedReply.DispatchNote);
        Assert.DoesNotContain("行动计划", placedReply.Draft);
    }

    [Fact]
    public void The_clause_quoted_fits_the_main_matter_not_a_second_one()
    {
        // The lake carries the sound; the bar is the matter. No water-row clause for a noise call.
        var triage = hotline.Triage.Triage("后海北沿一家酒吧每晚乐队演出到凌晨一点，门窗敞开，声音沿湖面传得很远，希望夜里安排突击检查");
        var handling = Drafter.Handle(triage);

        Assert.Equal(ComplaintCategories.SocialNoise, triage.Category);
        Assert.True(handling.QuoteRef is null || triage.Basis.First(b => b.Measure.Ref == handling.QuoteRef).Category == triage.Category, handling.QuoteRef);
    }

    [Fact]
    public void Mending_a_street_lamp_is_no_road_works()
    {
        var triage = hotline.Triage.Triage("白纸坊东街往南的胡同里三盏路灯坏了半个月，晚上一片漆黑。诉求：请尽快维修路灯。");

        Assert.False(triage.Covered);
        Assert.NotEqual(ComplaintCategories.ConstructionNoise, triage.Category);
    }

    [Fact]
    public void Open_burning_is_named_and_sent_to_the_street_office_as_a_matter_the_plan_does_not_cover()
    {
        // The plan has no row on burning leaves; its smoke is no cooking-fumes complaint.
        var triage = hotline.Triage.Triage("陶然亭公园西墙外的小道上，一大早有人点火烧树叶子，还往里扔塑料袋，那烟呛得直流眼泪");
        var reply = Drafter.Draft(triage);

        Assert.False(triage.Covered);
        Assert.Equal("露天焚烧", triage.Topic);
        Assert.Contains("焚烧树叶", reply.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain("油烟", reply.Draft, StringComparison.Ordinal);
        Assert.Contains("转交陶然亭街道办事处", reply.Draft, StringComparison.Ordinal);
        Assert.True(Rubric.Check(reply.Draft, triage.Covered).Passed);
    }

    [Theory]
    // A matter outside the plan is restated by what is wrong, not by the caller's talk about the call.
    [InlineData("我这事儿都跟你们说过两回了，您那边能查着记录吧？我是月坛南街的，楼上卫生间漏水，漏到我家顶棚", "楼上漏水、屋顶受损", "说过两回")]
    [InlineData("喂，你好，我是下斜街那边儿的，长椿街那个十八层的高楼，电梯又坏了！", "电梯又坏了", "您是下斜街")]
    [InlineData("你好我要举报一个乱停车的，一辆白色的车，就停在我妈家院门口，正好把门堵死了", "把门堵死了", "举报")]
    [InlineData("喂，又是我，上回打过的，还是那个院子的事儿。楼道灯坏了一个月了，晚上黑得看不见", "楼道灯坏了", "又是您")]
    [InlineData("市民来电反映：来电人家住新街口街道，其母亲居住在护国寺街附近胡同。近期有住户在胡同里私自安装地锁，占据多个车位", "地锁", "来电人")]
    [InlineData("香厂路拐角的路灯坏了半个月，一到晚上黑咕隆咚的，我差点摔了。边上还有个井盖有点松动", "井盖", "您差点")]
    public void A_matter_outside_the_plan_is_restated_by_what_is_wrong(string complaint, string said, string notSaid)
    {
        var triage = hotline.Triage.Triage(complaint);
        var reply = Drafter.Draft(triage);

        Assert.False(triage.Covered);
        Assert.Contains(said, reply.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain(notSaid, reply.Draft, StringComparison.Ordinal);
        Assert.True(Rubric.Check(reply.Draft, triage.Covered).Passed);
    }

    [Theory]
    // A generic clause or one about another matter is worse than none: 广场舞 has only the noise-rule row,
    // 飞线充电 is a safety hazard (not charger building), unloading at a shop is no road-traffic matter.
    [InlineData("三里河公园门口每天晚上有人跳广场舞，音响太吵了")]
    [InlineData("楼下有人扯电线下来给电瓶车充电，看着就危险")]
    [InlineData("菜市场后面天天早上五点就有车来卸货，叮叮咣咣的")]
    public void No_clause_is_quoted_when_none_fits_the_complaint(string complaint)
    {
        var reply = Draft(complaint);

        Assert.Null(reply.Handling!.Quote);
        Assert.DoesNotContain("行动计划提出", reply.Draft);
    }

    [Fact]
    public void Outdoor_barbecue_goes_to_the_units_the_plan_gives_for_it()
    {
        var reply = Draft("小区门口晚上有人支炉子摆摊卖烤串，烟熏火燎的");
        var row = hotline.Plan.Knowledge.FindMeasure("附件1-25-1")!;

        // 区城管执法局 leads by the plan's row on enforcement at 餐饮 units, cited in the note; never a unit outside it.
        Assert.Contains("区城管执法局", row.LeadUnits);
        Assert.Equal("区城管执法局", reply.Handling!.Lead?.Unit);
        Assert.Equal("附件1-25-1", reply.Handling.Lead?.Ref);
        Assert.Contains("主办：区城管执法局（附件1-25-1 主责）", reply.DispatchNote);
        Assert.Contains("- 附件1-25-1", reply.DispatchNote);
        Assert.Contains("露天烧烤摊", reply.Draft);
    }

    [Fact]
    public void Rowdiness_goes_to_the_police_by_the_plans_public_noise_row_and_an_unknown_address_is_checked()
    {
        var reply = Draft("半夜楼下总有一帮人喝酒划拳、大喊大叫，吵得睡不着");
        var row = hotline.Plan.Knowledge.FindMeasure("附件1-18-4")!;

        Assert.Contains("西城公安分局", row.LeadUnits);
        Assert.Equal("西城公安分局", reply.Handling!.Lead?.Unit);
        Assert.Contains("主办：西城公安分局（附件1-18-4 主责）", reply.DispatchNote);
        Assert.Contains("核实具体地址", reply.Draft);
        Assert.Contains("问题所在地的街道办事处", reply.Draft);
    }

    [Fact]
    public void A_place_whose_street_is_not_known_is_handled_by_the_local_office_said_plainly()
    {
        // 手帕口南街 is in no street's list: the supervisors read "手帕口南街…所属的街道办事处" as a template left unfilled.
        var reply = Draft("手帕口南街附近一处拆迁工地土方裸露未覆盖，大风天扬尘严重");

        Assert.Contains("手帕口南街附近", reply.Draft);
        Assert.Contains("此事由当地街道办事处会同", reply.Draft);
        Assert.DoesNotContain("所属的街道办事处", reply.Draft);
        Assert.DoesNotContain("核实具体地址", reply.Draft);
    }

    [Theory]
    // The caller's own question said back when it is one short clause; else the rules in general.
    [InlineData("小区里有人放炮，不是说城区禁止燃放吗？", "您问“不是说城区禁止燃放吗？”，将请办理单位核实后一并答复")]
    [InlineData("隔壁饭馆的烟筒正对我家，这样装是允许的吗？", "您问“这样装是允许的吗？”")]
    [InlineData("楼下饭馆冒烟，合不合规啊？", "您询问的相关规定，将请办理单位核实后一并答复")]
    [InlineData("汽修店在门口喷漆，味儿冲。喷漆不是得进烤漆房吗？门口露天喷这能行吗？", "您问“门口露天喷这能行吗？”")]
    [InlineData("楼下饭馆排烟管子冲我家。我就想问问，居民楼底下能开这种炒菜馆吗？", "您问“居民楼底下能开这种炒菜馆吗？”")]
    [InlineData("饭馆油烟大。诉求：请核查该店是否允许在室外生炭火，能否改到室内。", "您希望")]
    [InlineData("胡同口那家烧烤门口露天支俩炉子，烟往院里灌。我就想问问，这露天烧烤到底让不让弄？", "您问“这露天烧烤到底让不让弄？”")]
    public void A_question_about_the_rules_is_taken_up(string complaint, string taken)
    {
        var draft = Draft(complaint).Draft;

        Assert.Contains(taken, draft, StringComparison.Ordinal);
        Assert.DoesNotContain("您问“请", draft, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("这是我第五回打电话说这事了，楼下饭馆油烟还是那么大", true)]
    [InlineData("前两次打电话都说在处理，工地晚上照样干到十二点", true)]
    [InlineData("上个月就投诉了楼上装修的事，现在周末还在砸墙", true)]
    [InlineData("小区门口的烧烤摊，我再跟你们说一遍，天天烟熏火燎", true)]
    [InlineData("跟你们说了好几次了，胡同口的早点摊天不亮就炸油条，油烟全进屋", true)]
    [InlineData("之前已经打电话反映过一回，楼下酒吧音乐还是开到半夜", true)]
    [InlineData("这事我都投诉第四回了，胡同口大排档天天闹到后半夜", true)]
    [InlineData("工地这个月第三次施工到半夜了，吵得睡不着", false)]
    [InlineData("上次施工的时候就这样，这回工地又在半夜打桩", false)]
    [InlineData("渣土车一天三次从门口过，土撒一地", false)]
    [InlineData("此前已向物业反映，物业说不归他们管，楼下火锅店的油烟天天往屋里灌", false)]
    [InlineData("之前找店家说过，老板不理，烧烤摊还是每晚冒烟", false)]
    [InlineData("后海酒吧音响外放到凌晨一点，来电人称今年已多次拨打热线及110，酒吧每次劝导后第二天照旧", true)]
    [InlineData("小区门口烧烤店油烟大，来电人称两周前已就此事反映，油烟仍然很大", true)]
    [InlineData("湾子那边一家饭馆，烟囱就冲我家窗户，打过一回了，没动静", true)]
    [InlineData("楼下炸鸡店油烟熏人，我去店里说过一次，店员说那是老板的事儿", false)]
    [InlineData("楼下饭馆油烟大，我也跟那老板说过一回，人家不理", false)]
    public void A_repeat_call_is_acknowledged_and_flagged(string complaint, bool repeat)
    {
        var reply = Draft(complaint);

        Assert.Equal(repeat, reply.Draft.Contains("您此前已反映过此问题", StringComparison.Ordinal));
        Assert.Equal(repeat, reply.DispatchNote.Contains(HotlineDrafter.FlagRepeat, StringComparison.Ordinal));
    }

    [Fact]
    public void Side_matters_worries_and_requests_are_taken_up_briefly()
    {
        var reply = Draft("市民来电反映：椿树街道某小区门口饭馆排烟管冲着居民楼，老人闻了直咳嗽，另外路灯也坏了好久。诉求：督促饭馆加装油烟净化器。");

        Assert.Contains("您一并反映的路灯不亮问题也已记录", reply.Draft);
        Assert.Contains("我们理解这影响了您和家人的健康", reply.Draft);
        Assert.Contains("您希望督促饭馆加装油烟净化器，我们将请办理单位核实并向您反馈", reply.Draft);
        Assert.True(Rubric.Check(reply.Draft, planCovers: true).Passed);
    }

    [Theory]
    // A caller's spoken ask is said in the hotline's standard words (it twists when cut and echoed); an operator's
    // summary is said back as written.
    [InlineData("楼下烧烤摊天天晚上冒烟，能不能让城管晚上来一趟啊", "您希望派人到现场核查")]
    [InlineData("超市半夜卸货太吵了，要求超市把卸货时间改到早上六点以后", "您希望督促对方调整作业时间")]
    [InlineData("来电人称工地夜间施工扰民。来电人要求：核实该工地夜间施工手续", "您希望核实该工地夜间施工手续")]
    [InlineData("楼下饭馆油烟太大，麻烦您给看看吧", null)]
    [InlineData("市民来电反映：小区门口饭馆排烟扰民。诉求：请属地核查该店排烟设施", "您希望核查该店排烟设施")]
    [InlineData("工地夜里施工。诉求：请承办单位查处", null)]
    [InlineData("楼下饭馆油烟太大，请求核查该店净化器", "您希望派人到现场核查、督促对方整改排烟设施")]
    [InlineData("我就想问问楼下饭馆油烟这么大归谁管", null)]
    // A whole record request of two or three points is said back whole; only a semicolon's further points are left.
    [InlineData("市民来电反映：胡同口多次出现装修垃圾堆放，大风时起尘。诉求：清运现有垃圾，加装监控或加强夜间巡查，查处偷倒行为。", "您希望清运现有垃圾、加装监控或加强夜间巡查、查处偷倒行为")]
    [InlineData("市民来电反映：烧烤店每晚室外炭火烧烤。主要诉求：督促该店停止室外炭火烧烤，规范油烟排放；次要诉求：对夜间喧哗进行劝导。", "您希望督促该店停止室外炭火烧烤、规范油烟排放，")]
    // What not to do comes before what to do: the latter is taken up.
    [InlineData("汽修店露天喷漆，味儿冲。您这边能不能别光打电话问他，派人去现场看看。", "您希望派人到现场核查，")]
    [InlineData("工地夜里施工。诉求：核查该工地是否办理夜间施工手续，如无手续请立即制止。", "您希望核查该工地是否办理夜间施工手续、如无手续立即制止")]
    [InlineData("烤鸭店烟往屋里灌。我是外地的，不知道能不能打这个电话……就是觉得应该有人管管。", null)]
    [InlineData("烤鸭店烟囱冒烟，阳台上全是烟熏火燎的味儿。您让他弄个过滤的什么的行不行", "您希望督促对方整改排烟设施，")]
    [InlineData("楼下健身房晚上放音乐，一点没变。你们让人晚上来听听，白天来当然听不见了。", "您希望派人到现场核查，")]
    [InlineData("楼底下KTV低音炮一直震到三点。你们是不是得派个人晚上过来听听？", "您希望派人到现场核查，")]
    // A hood over a grill is for the smoke; washing a refuse station down is asked as such.
    [InlineData("楼下烤串的炉子挨着我们楼通风道，烟往屋里灌。能不能找人去看看，让他加个罩子往上排？", "您希望派人到现场核查、督促对方整改排烟设施，")]
    [InlineData("胡同口垃圾站一到夏天就臭。我就要求每天冲洗一遍，门平时关上。", "您希望督促相关单位做好清洗除臭，")]
    // A record request cut at its first point keeps the next kind of ask, in standard words.
    [InlineData("市民来电反映：湖边多家酒吧驻唱音响声大至凌晨，居民多次报警无果。诉求：要求执法部门夜间到现场实地检测各酒吧噪声是否超标，对超标酒吧依法处罚，晚11点后禁止外放音乐，并给出长效管理办法。", "，并督促对方调整经营时间，")]
    [InlineData("市民来电反映：共享厨房排烟口紧邻儿童游乐场。诉求：请相关部门核查该共享厨房油烟净化设施及排口设置是否合规，并将处理结果告知物业，以便向居民解释。", "您希望核查该共享厨房油烟净化设施及排口设置是否合规，并将处理结果告知物业，")]
    [InlineData("饭馆油烟大。我去派出所问，人说让我去法院，去法院俺哪有那工夫啊，请一天假扣一天钱。", null)]
    public void What_the_caller_asks_for_in_speech_is_taken_up(string complaint, string? taken)
    {
        var reply = Draft(complaint);

        if (taken is null)
        {
            Assert.DoesNotContain("您希望", reply.Draft, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(taken, reply.Draft, StringComparison.Ordinal);
        }

        Assert.True(Rubric.Check(reply.Draft, planCovers: true).Passed);
    }

    [Theory]
    // Spoken asks in the hotline's standard words, two at most, in the order said; never the caller's slang cut short.
    [InlineData("楼后头火锅店的排风扇正对着我们楼道窗户，您看能不能让它那排风扇挪个地方", "督促对方调整排烟口位置", "挪个地方")]
    [InlineData("公园门口广场舞天天放到十点，能不能让她们声音小点儿，九点前结束", "督促对方降低音量、调整活动时间", "小点儿")]
    [InlineData("饺子馆在后墙装了四台空调外机，嗡嗡的。我的要求就是把外机挪走，挪到它门脸儿那边去", "督促对方调整位置", "门脸儿")]
    [InlineData("工地天天夜里打混凝土，说有许可，那你把许可拿出来给我看看，没有的话今天晚上就得停！", "核实对方的施工手续、制止违规施工", "拿出来")]
    [InlineData("胡同口早点摊天不亮就炸油条，我不是不让人家挣钱，能不能别在窗户底下炸，挪远点儿", "督促对方调整位置", "挪远点儿")]
    [InlineData("楼下烤串天天在外头烤，能不能让他把烤炉挪屋里去", "督促对方不在室外经营，", "挪屋里")]
    [InlineData("胡同口炒肝店油烟大，我就要个准话儿，这事到底管不管", "得到明确答复", "准话")]
    [InlineData("市民来电反映：胡同口烧烤摊油烟扰民。诉求：对该无证摊点予以取缔。", "制止扰民行为", "予以取缔")]
    [InlineData("又是我啊，上礼拜打过。澡堂子后头的锅炉一早上就冒黑烟。这回我要结果，书面的。", "得到明确答复、给予书面答复", "我要")]
    [InlineData("我是替我妈打的，她楼下门脸房有家卖羊肉串的，用的是炭火，烟特别大。能不能让他们装个罩子，有结果了打我这个电话就行，别打我妈那儿", "督促对方整改排烟设施、有结果后直接联系您本人", "我妈那儿")]
    [InlineData("陶然亭公园门口早上六点不到就开音响跳舞。你跟她们说说，声儿小点儿，往公园里头挪挪，行不行？", "督促对方降低音量、调整位置", "声儿")]
    public void A_spoken_ask_is_said_in_standard_words(string complaint, string said, string not)
    {
        var reply = Draft(complaint);

        Assert.Contains("您希望" + said, reply.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain(not, reply.Draft, StringComparison.Ordinal);
        Assert.True(Rubric.Check(reply.Draft, planCovers: true).Passed);
    }

    [Theory]
    [InlineData("胡同口有人在烧树叶子，烟挺大的，您赶紧派人来看看", true)]
    [InlineData("工地这会儿还在打桩，都十一点了", true)]
    [InlineData("胡同口去年有人烧树叶子，烟挺大的，希望以后管一管", false)]
    public void Something_happening_now_asks_for_a_visit_at_once_and_once_only(string complaint, bool now)
    {
        var draft = Draft(complaint).Draft;

        Assert.Equal(now, draft.Contains("正在发生，已提示办理单位尽快到现场核查", StringComparison.Ordinal));
        Assert.DoesNotContain("您希望派人到现场核查", now ? draft : "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("市民来电反映：某居民楼一层底商开设棋牌室，每晚营业至凌晨两三点，洗牌声、说笑声严重扰民。诉求：要求其夜间12点前结束营业。", "棋牌室每天晚上打牌喧哗", "12点以前打牌")]
    [InlineData("德胜这边儿那个垃圾楼，天儿一热酸臭酸臭的，垃圾桶老满着溢出来，还招老鼠", "垃圾站异味大、垃圾满溢", "您反映：")]
    public void Common_matters_are_restated_in_plain_words(string complaint, string said, string not)
    {
        var draft = Draft(complaint).Draft;

        Assert.Contains(said, draft, StringComparison.Ordinal);
        Assert.DoesNotContain(not, draft, StringComparison.Ordinal);
    }

    [Theory]
    // A repeat said as 趟 or as calling again; who handles it asked as "找X还是找Y"; whether it is allowed asked as 是不是合规.
    [InlineData("我又给你们打电话了，这都第三趟了！胡同口炸油条的五点不到就支锅，油烟往屋里钻", "您此前已反映过此问题")]
    [InlineData("赵登禹路一家干洗店有股化学味儿，开在居民楼底下是不是合规的？该找环保还是找市场监管？", "关于您问的归谁管")]
    [InlineData("赵登禹路一家干洗店有股化学味儿，开在居民楼底下是不是合规的？", "将请办理单位核实后一并答复")]
    public void What_the_caller_says_of_the_call_and_asks_is_taken_up(string complaint, string said)
    {
        Assert.Contains(said, Draft(complaint).Draft, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("地铁口出来有个煎饼车天天早上停我们楼底下，车就停在人行道上，油烟往窗户里灌")]
    [InlineData("胡同口那个炸油条的摊子，每天早上五点多就开始炸，一胡同都是油烟味儿")]
    public void A_street_food_stall_goes_to_city_enforcement_without_the_restaurant_clause(string complaint)
    {
        var draft = Draft(complaint).Draft;

        Assert.Contains("区城管执法局", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("开展餐饮油烟治理工作", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void An_indoor_gym_is_no_public_place_and_a_festival_in_a_simile_is_no_time()
    {
        var gym = Draft("楼下底商开了个健身房，动感单车课的音乐低音咚咚的，整栋楼都在震，晚上排到十点");
        var bikes = Draft("半夜几个小年轻骑改装摩托，排气管子轰的一声，跟过年放二踢脚一样，一晚上来回好几趟");

        Assert.Contains("区生态环境局", gym.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain("公安", gym.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain("春节", bikes.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain("过年", bikes.Draft, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_request_names_no_department_for_the_caller_and_says_the_other_party_plainly()
    {
        var reply = Draft("市民来电反映：某小区底商一家熟食店在楼内熏制，烟味大。诉求：请市场监管等部门上门核查是否无照经营，督促其停止熏制。");

        Assert.Contains("您希望核查是否无照经营、督促对方停止熏制", reply.Draft, StringComparison.Ordinal);
        Assert.DoesNotContain("市场监管等部门", reply.Draft, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("楼下共享厨房的排烟管子冲着我们窗户，查的时候别提前打招呼，一打招呼他们就关火了", "您希望检查时不提前通知")]
    [InlineData("市民来电反映：饭馆油烟扰民，要求执法部门突击检查。", "您希望检查时不提前通知")]
    [InlineData("楼下超市冷柜外机一宿嗡嗡响，你们给量量，看超没超", "您希望现场监测是否超标")]
    public void An_unannounced_check_or_a_measurement_asked_for_is_passed_on(string complaint, string taken)
    {
        var reply = Draft(complaint);

        Assert.Contains(taken, reply.Draft, StringComparison.Ordinal);
        Assert.True(Rubric.Check(reply.Draft, planCovers: true).Passed);
    }

    [Theory]
    [InlineData("早点摊每天天不亮就炸油条，油烟飘进家里。来电人表示早点摊方便居民，不要求取缔。", true)]
    [InlineData("后海酒吧驻唱唱到半夜。我不是要他关门，人家做买卖，您让他把音箱往屋里挪挪。", true)]
    [InlineData("楼下饭馆油烟太大了，赶紧让他关门。", false)]
    public void A_caller_not_against_the_business_is_heard_as_such(string complaint, bool said)
    {
        Assert.Equal(said, Draft(complaint).Draft.Contains("并不反对对方正常经营或活动", StringComparison.Ordinal));
    }

    [Theory]
    // Passed from one office to another, in the caller's words.
    [InlineData("下水井往外冒黑水。我给排水那边打了，说不归他们，让我找街道。")]
    [InlineData("茶叶店焙茶一宿一宿的烟，归哪儿管？甭让我再打别的电话了啊。")]
    public void Being_passed_around_is_acknowledged(string complaint)
    {
        Assert.Contains("此前转办后没有结果", Draft(complaint).Draft, StringComparison.Ordinal);
    }

    [Theory]
    // Told the shop, not the hotline: no repeat call. Called before (我就打过): a repeat.
    [InlineData("路口推车卖烤白薯的烧煤冒烟，我跟他说了好几回，他说你打电话去呗。", false)]
    [InlineData("过年那几天我就打过，说小区有人放烟花，现在正月十五了又放。", true)]
    // Called the property company or 110, not the hotline: no repeat call.
    [InlineData("对面写字楼楼顶的风机一宿嗡嗡响，我打过写字楼物业的电话，人家说必须开。", false)]
    [InlineData("楼下酒吧天天唱到两点，我打过110，警察来了就小声，走了又大声。", false)]
    public void A_repeat_call_is_one_made_to_the_hotline(string complaint, bool repeat)
    {
        Assert.Equal(repeat, Draft(complaint).Draft.Contains("注明是再次反映", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("这是第二次打了，汽修店露天喷漆。上次你们答复说已经让他整改了，整改啥了？今天还在喷。")]
    [InlineData("第二次反映了，饭馆排烟管子冲我们楼，之前说来查，查完了管子换了个方向，还是冲我们楼。")]
    public void A_repeat_caller_whose_earlier_fix_did_not_hold_is_told_so(string complaint)
    {
        Assert.Contains("前次处理后问题仍未解决", Draft(complaint).Draft, StringComparison.Ordinal);
    }

    [Theory]
    // How bad it is, said with flies in it, is no complaint of flies; waste water running into the lane is not bins.
    [InlineData("河边有股子臭味儿，水面上漂着死鱼，臭得能把苍蝇都熏跑", "蚊虫")]
    [InlineData("平房院内有人开盒饭加工点，大锅煎炸，油烟从院墙上方排出，泔水和油污顺院门流至胡同路面", "泔水桶")]
    public void A_side_matter_is_only_one_the_caller_complains_of(string complaint, string notSaid)
    {
        Assert.DoesNotContain(notSaid, Draft(complaint).Draft, StringComparison.Ordinal);
    }

    [Fact]
    public void A_covered_complaint_is_never_told_it_is_outside_the_plan()
    {
        var reply = Draft("楼上邻居家孩子天天弹钢琴，晚上十点以后还在弹");

        Assert.False(DraftRubric.SaysNotCovered(reply.Draft));
    }

    [Theory]
    [InlineData("牛街西里楼下烧烤油烟大，我电话13812345678，身份证110102198001011234，住3号楼2单元501")]
    [InlineData("实名：王某某，电话１３８１２３４５６７８，牛街西里楼下烧烤油烟大，车牌京A·12345的车天天停在那，邮箱wang@example.com")]
    [InlineData("我姓张，手机幺三八一二三四五六七八，楼下饭馆油烟太大")]
    public void Neither_reply_nor_dispatch_note_carries_personal_data(string complaint)
    {
        var reply = Draft(complaint);

        foreach (var text in new[] { reply.Draft, reply.DispatchNote })
        {
            foreach (var secret in new[] { "13812345678", "１３８１２３４５６７８", "幺三八", "110102198001011234", "501", "王某某", "京A", "12345", "wang@", "我姓张" })
            {
                Assert.DoesNotContain(secret, text);
            }
        }

        Assert.True(Rubric.Check(reply.Draft, planCovers: true).Passed, string.Join("; ", Rubric.Check(reply.Draft, true).Problems));
    }

    [GeneratedRegex(@"(\d+)\s*(?:个)?(?:小时|工作日|日|天)")]
    private static partial Regex TimeLimit();

    [Theory]
    [InlineData("我又打了啊，德外大街那个烤肉馆子晚上六点多烟就顺着胡同过来了。上回说已经约谈了，约谈完了该怎么烤还怎么烤，一点儿没变", "前次处理后问题仍未解决", "在晚间问题发生时段到现场核查")]
    [InlineData("第二回打了，陶然亭公园北门外的小广场，一大早六点不到就开音响跳舞，上回来了人说让小点声，就小了三天", "前次处理后问题仍未解决", "到现场核查")]
    [InlineData("上个月就反映过，月坛南街那个饭馆油烟直排，到现在也没人来看", "至今未见处理", "到现场核查")]
    public void A_repeat_call_whose_earlier_handling_came_to_nothing_is_said_so_and_a_visit_is_asked(string complaint, string said, string visit)
    {
        var reply = Draft(complaint);

        Assert.Contains(HotlineDrafter.FlagRepeat, reply.DispatchNote);
        Assert.Contains(said, reply.Draft);
        Assert.Contains(visit, reply.Draft);
    }

    [Fact]
    public void A_plain_repeat_call_promises_no_visit()
    {
        var reply = Draft("这是我第三次打电话了，什刹海那边有个工地半夜还在打桩");

        Assert.Contains("我们已注明是再次反映", reply.Draft);
        Assert.DoesNotContain("到现场核查", reply.Draft);
    }

    [Theory]
    [InlineData("月坛南街一个饭馆的排烟管子从我家窗户边过，水顺着灯口往下滴，我都不敢开灯，怕漏电", "漏电隐患")]
    [InlineData("黑窑厂街平房院门口有人傍晚烧树叶子，这入秋了风又大，万一着起来怎么办", "火灾隐患")]
    [InlineData("赵登禹路东侧胡同里污水井返水，井盖也松动了", "井盖松动隐患")]
    public void A_danger_the_caller_fears_is_taken_up_first(string complaint, string danger)
    {
        var reply = Draft(complaint);

        Assert.Contains($"您提到的{danger}，已提示办理单位优先核查处置", reply.Draft);
    }

    [Fact]
    public void A_figure_of_speech_is_no_danger()
    {
        var reply = Draft("西四那边烧烤摊的烟呛得跟着火了似的，天天晚上都这样");

        Assert.DoesNotContain("隐患", reply.Draft);
    }

    [Fact]
    public void A_hospital_visited_is_no_place_of_the_problem_and_a_parents_home_is_where_it_is()
    {
        var reply = Draft("市民来电反映：其母亲（80岁，患哮喘）居住在牛街东里，楼旁底商新开一家炒货店，每天下午焦糊味和烟尘较大。市民本人住广安门内。"
            + "市民称上周带母亲去宣武医院看过，医生建议远离烟尘环境。诉求：请相关部门尽快到现场核查，督促商户整改，并将处理结果告知市民。");

        Assert.Contains("您反映牛街东里", reply.Draft);
        Assert.DoesNotContain("宣武医院", reply.Draft);
        Assert.Contains("牛街街道办事处", reply.Draft);
        Assert.Contains("问题地点与来电人住址不在同一街道", reply.DispatchNote);
        // The record's 市民 is the caller, spoken to as 您.
        Assert.Contains("告知您", reply.Draft);
        Assert.DoesNotContain("市民", reply.Draft);
    }

    [Fact]
    public void A_hospital_gone_to_because_of_the_problem_is_no_place_of_it()
    {
        var reply = Draft("我就住后海南沿儿这边的院儿里，出门往前走二十米就是那个酒吧，夜里一点多那鼓还咚咚咚的。"
            + "我家老爷子让那鼓给震醒，血压一下就上去了，上礼拜刚去的人民医院。这回我要求你们夜里来人。");

        Assert.Contains("后海南沿", reply.Draft);
        Assert.DoesNotContain("人民医院", reply.Draft);
    }

    [Fact]
    public void Burning_things_in_a_bucket_is_burning_not_cooking_fumes()
    {
        var triage = hotline.Triage.Triage("这几天傍晚老有人在胡同口拿铁桶烧东西，有时候是扫的树叶，冒白烟，呛得慌，味儿都进屋了。");
        var reply = Drafter.Draft(triage);

        Assert.NotEqual(ComplaintCategories.CookingFumes, triage.Category);
        Assert.DoesNotContain("油烟", reply.Draft, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fire_feared_in_the_callers_words_is_taken_up()
    {
        var reply = Draft("胡同口有家小店儿把烤串炉子搬到门口了，炭火就在电线底下，这胡同都是老房子，万一着了怎么办？");

        Assert.Contains("您提到的火灾隐患", reply.Draft);
    }

    [Fact]
    public void An_engine_left_running_is_no_fire_and_earplugs_that_fail_are_no_failed_handling()
    {
        var reply = Draft("对面写字楼楼顶的冷却塔夜里嗡嗡响，就像楼底下一直有辆大卡车打着火。我找过写字楼物业，人家说设备正常。戴耳塞都不管用。你们能不能找环保的来测一测");

        Assert.DoesNotContain("隐患", reply.Draft);
        Assert.DoesNotContain("仍未解决", reply.Draft);
        Assert.Contains("现场监测是否超标", reply.Draft);
    }

    [Theory]
    [InlineData("德胜门外我们楼底下的门脸改成快递站了，每天四点多大货车就来卸货，扔包裹哗啦哗啦的", "快递站")]
    [InlineData("铁树斜街院里有个翻新旧家具的小作坊，晚上刷油漆，稀料味冲得人头晕", "翻新旧家具的小作坊")]
    [InlineData("南礼士路宾馆门口每天早上停一溜旅游大巴，都不熄火，柴油味黑烟往人行道上喷", "旅游大巴")]
    [InlineData("白纸坊东街拆迁后的空地大面积裸土没盖，一刮风满脸是土", "裸露地面")]
    // Charcoal under a grill is no coal stove; a shop front selling skewers is a shop, not a stall.
    [InlineData("牛街西里二区楼下门脸房有家卖羊肉串的，用的是炭火，烟特别大，一直烤到后半夜", "有烧烤店")]
    [InlineData("牛街西里二区楼下门脸房有家卖羊肉串的，用的是炭火，烟特别大", "炭火冒烟")]
    [InlineData("湾子那边儿一家羊蝎子店，烟囱就冲我家卧室窗户", "羊蝎子店")]
    // A fried-chicken burger shop, and a smell the caller says is no smoke.
    [InlineData("南礼士路我们楼下新开了个炸鸡汉堡店。它那个味儿吧，不是烟，就是那种油炸的哈喇味儿，从下午一直到晚上", "炸鸡汉堡店下午气味扰民")]
    // A shop washing offal (洗大肠, 洗下水) and pouring the water down the drain: the shop and what it does, not "someone dumping".
    [InlineData("永安路那块儿，我们院儿旁边那卤煮店每天上午在后院儿洗大肠，洗完的水直接往院里那下水道倒，夏天那臭得", "卤煮店夏天在院内清洗内脏、污水倒入下水道")]
    public void The_business_or_thing_is_the_one_the_caller_describes(string complaint, string source)
    {
        var reply = Draft(complaint);

        Assert.Contains(source, reply.Draft);
    }

    [Fact]
    public void A_request_said_about_him_names_the_other_party_and_a_question_of_rules_is_taken_up()
    {
        var asked = Draft("马连道一楼新开了个川菜馆，排烟管子从我家厨房窗户边过，中午呛得直打喷嚏。居民楼底下能开这种炒菜馆吗？能不能让他把管子挪挪？");

        Assert.DoesNotMatch("您希望[^，。]*他", asked.Draft);
        Assert.Contains("您希望督促对方调整排烟口位置", asked.Draft);
    }

    [Fact]
    public void A_matter_the_plan_does_not_cover_goes_to_the_street_office_to_bring_in_whoever_is_competent()
    {
        var reply = Draft("西绒线胡同东口的路灯坏了半个多月了，晚上黑得看不见路");

        Assert.Contains(HotlineDrafter.FlagNotCovered, reply.DispatchNote);
        Assert.Contains("西长安街街道办事处，由其协调相关部门办理", reply.Draft);
    }

    [Theory]
    [InlineData("马连道茶城附近一临街商铺在店内焙茶、炒茶，烟味飘进后面居民楼，呛得慌，不清楚这算不算餐饮油烟", "茶叶店")]
    [InlineData("杨梅竹斜街有家咖啡馆自个儿烘豆子，上午烘，挺呛，我也不懂这算不算油烟", "咖啡馆")]
    public void Smoke_that_is_not_cooking_is_not_called_cooking_fumes_nor_quoted_a_cooking_clause(string complaint, string source)
    {
        var reply = Draft(complaint);

        Assert.Contains(source, reply.Draft);
        Assert.DoesNotContain("油烟", reply.Draft);
        Assert.Null(reply.Handling!.Quote);
    }

    [Fact]
    public void A_place_the_caller_takes_back_is_not_the_place_of_the_problem()
    {
        var reply = Draft("我住德胜这边儿，新街口外大街……不是，我说的是新街口北大街那段儿，每天晚上十点以后就有骑改装摩托的轰油门");

        Assert.Contains("新街口北大街", reply.Draft);
        Assert.DoesNotContain("新街口外大街", reply.Draft);
    }

    [Fact]
    public void A_bare_place_right_after_where_the_caller_lives_is_still_their_home()
    {
        var triage = hotline.Triage.Triage("哎您好，我住椿树这边儿，琉璃厂西街，但我要说的是杨梅竹斜街那块儿，有家咖啡馆自个儿烘豆子，那股糊味儿飘出去老远");

        Assert.Equal("大栅栏街道", triage.Street?.Name);
        Assert.Contains("杨梅竹斜街", Drafter.Draft(triage).Draft);
    }

    [Fact]
    public void A_records_aside_on_the_caller_is_never_said_back()
    {
        var reply = Draft("市民来电反映（来电人姓赵）：德胜街道新康街附近某小区内有住户在公共区域私装地锁占用车位，导致其他居民无处停车");

        Assert.DoesNotContain("姓", reply.Draft);
        Assert.DoesNotContain("（", reply.Draft);
    }

    [Fact]
    public void A_question_put_to_the_hotline_is_answered_as_one_and_not_cut_inside()
    {
        var reply = Draft("市民来电反映：过年那几天，天桥街道某小区院内每晚均有人燃放烟花爆竹。诉求：咨询西城区是否全域禁放；小区内燃放应由公安、物业还是街道管理");

        Assert.Contains("您咨询西城区是否全域禁放，将请办理单位核实后答复", reply.Draft);
        Assert.DoesNotContain("应由公安，", reply.Draft);
    }

    [Fact]
    public void A_direction_said_with_yi_dian_is_no_clock_time()
    {
        var reply = Draft("您好，广安门内大街报国寺往东一点那个超市，天天凌晨四点来钟大货车就来了，哐当哐当往下卸");

        Assert.Contains("凌晨四点", reply.Draft);
        // 往东一点 stays in the place, said whole; it is no time of its own.
        Assert.Contains("报国寺往东一点某超市", reply.Draft);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(reply.Draft, "一点"));
    }

    [Fact]
    public void Burning_cardboard_is_no_burning_of_paper_money()
    {
        // 烧纸箱子 holds 烧纸: a neutral word that runs on from a topic's cue keeps the cue from being read in it.
        var reply = Draft("胡同里有个院儿，每天傍晚有人在门口拿个铁桶烧东西，烧树叶子、烧纸箱子，那味儿呛死人了。");

        Assert.DoesNotContain("纸钱", reply.Draft);
        Assert.DoesNotContain("宣传部", reply.Draft);
        Assert.Contains("焚烧树叶", reply.Draft);
        Assert.Contains("纸钱", Draft("清明前后小区路口天天有人烧纸，烟大还危险").Draft);
    }

    [Fact]
    public void Who_is_in_charge_asked_by_the_caller_is_answered_where_the_handling_is_said()
    {
        var reply = Draft("新街口北大街每天晚上十点以后就有骑改装摩托的轰油门，这算谁管啊，交警还是环保？");

        Assert.Contains("关于您问的归谁管：此事由新街口街道办事处会同西城交通支队办理", reply.Draft);
    }

    [Fact]
    public void A_caller_passed_from_office_to_office_is_promised_a_clear_answer()
    {
        var reply = Draft("百万庄老楼楼上漏水漏到我家顶上，这是第三回打电话了，上两回你们都说转了转了，转哪儿去了？");

        Assert.Contains("您提到此前转办后没有结果，本次将请办理单位明确答复", reply.Draft);
        Assert.Contains(HotlineDrafter.FlagNotCovered, reply.DispatchNote);
    }

    [Fact]
    public void Two_place_names_said_one_after_the_other_are_one_place_said_whole()
    {
        var reply = Draft("广外湾子那边儿，楼底下健身房，晚上七点到十点放音乐，教练拿麦克风喊");

        Assert.Contains("广外湾子", reply.Draft);
    }

    [Theory]
    [InlineData("西绒线胡同东口那段儿路灯坏了半个多月了，晚上黑得跟锅底似的", "西绒线胡同东口路灯损坏不亮")]
    [InlineData("我之前在西四北三条租了个房子，合同到期搬走一个多月了，房东那押金六千块钱一直不退", "房东不退还租房押金")]
    [InlineData("市民来电反映：月坛街道三里河路附近一条公交线路近期调整走向，原月坛南街附近站点被取消", "一条公交线路调整、原站点取消")]
    public void A_common_matter_outside_the_plan_is_said_in_the_hotlines_plain_words(string complaint, string said)
    {
        var reply = Draft(complaint);

        Assert.Contains(said, reply.Draft);
        Assert.Contains(HotlineDrafter.FlagNotCovered, reply.DispatchNote);
        Assert.DoesNotContain("您反映：", reply.Draft);
    }

    [Fact]
    public void Renovation_waste_dumped_at_night_is_dumping_and_dust_not_noise_and_a_numbered_request_is_read_by_its_first_point()
    {
        var triage = hotline.Triage.Triage("市民来电反映：某小区5号楼与6号楼之间的公共绿地近一个月来被人陆续倾倒装修垃圾，碎砖、编织袋装渣土堆成小土堆，起风时扬尘明显。来电人称曾于夜间十一点后多次看到三轮车进入小区卸倒。诉求：一、请相关部门尽快组织清运；二、查明倾倒者并依法处罚。");
        var reply = Drafter.Draft(triage);

        Assert.Equal(ComplaintCategories.Dust, triage.Category);
        Assert.Contains("装修垃圾", reply.Draft);
        Assert.Contains("被偷倒堆放", reply.Draft);
        Assert.DoesNotContain("噪声", reply.Draft);
        Assert.DoesNotContain("一、", reply.Draft);
    }

    [Theory]
    [InlineData("过年那几天直至正月十五，牛街附近某小区内每晚有人燃放烟花爆竹", "春节至元宵节期间每天晚上")]
    [InlineData("过年那几天天桥某小区院内每晚均有人燃放烟花爆竹", "春节期间每天晚上")]
    [InlineData("大年三十晚上楼下一直放鞭炮，牛街那边", "大年三十晚上")]
    public void The_holidays_are_said_as_the_span_the_caller_gave(string complaint, string when)
    {
        Assert.Contains(when, Draft(complaint).Draft);
    }

    [Fact]
    public void Rowdy_drinkers_beside_a_barbecue_are_a_side_matter_and_not_one_of_a_noise_complaint()
    {
        var fumes = Draft("右安门内大街那个烧烤店炉子搬马路边上烤，烟大得三层以下都没法开窗，还有那帮喝酒的大半夜划拳嚷嚷摔瓶子");
        var noise = Draft("后海酒吧驻唱每晚到凌晨一点，客人还在门口大声喧哗，吵得睡不着");

        Assert.Contains("人员喧哗", fumes.Draft);
        Assert.DoesNotContain("人员喧哗", noise.Draft);
    }

    [Fact]
    public void A_question_of_rules_beside_a_request_and_evidence_offered_are_both_taken_up()
    {
        var reply = Draft("我又打了，小马厂那个汽修厂在院子里直接喷漆，味儿刺鼻。居民楼边上能开这种厂子吗？能不能让他们进烤漆房喷？我拍了视频了，你们要不要？");

        Assert.Contains("您问“居民楼边上能开这种厂子吗？”，将请办理单位核实后一并答复", reply.Draft);
        Assert.Contains("您提到已拍下照片或视频", reply.Draft);
    }

    [Theory]
    [InlineData("市民来电反映：丰盛胡同内某单位院内职工食堂油烟较大。来电人称此前已反映过一次，回复称已联系单位整改，但至今未见变化。")]
    [InlineData("又是我，万寿公园早上六点不到跳舞的音箱就开了。上回打电话说跟公园沟通了，第二天照样儿。")]
    public void An_earlier_fix_that_changed_nothing_is_said_so(string complaint)
    {
        Assert.Contains("前次处理后问题仍未解决", Draft(complaint).Draft);
    }

    [Fact]
    public void A_permit_questioned_beside_a_request_is_taken_up_and_a_drain_is_not_visited_at_night()
    {
        var permit = Draft("市民来电反映：西绒线胡同附近道路连续多日夜间施工，晚上十一点后仍有破碎路面声。诉求：咨询该工程是否办理夜间施工许可；如无许可，请依法制止。");
        var drain = Draft("第二次反映了，铁树斜街某院门口污水井每逢下雨便冒水，上次有人来掏过一次，但问题未解决，昨晚下雨后又冒。");

        Assert.Contains("施工许可", permit.Draft);
        Assert.DoesNotContain("昼夜", permit.Draft);
        Assert.Contains("到现场核查", drain.Draft);
        Assert.DoesNotContain("晚间", drain.Draft);
    }

    [Fact]
    public void A_courtyard_is_said_with_nei()
    {
        Assert.Contains("某单位院内有食堂", Draft("金融街街道丰盛胡同内某单位院内职工食堂的排风设备朝向胡同，中午和傍晚油烟较大").Draft);
    }

    [Theory]
    [InlineData("市民来电反映：来电人为医院职工，北纬路某居民楼一层饭馆的空调外机白天运行噪声很大", "电人")]
    [InlineData("市民来电反映：槐柏树街一平房院内有人加工熟食，炒菜油烟大，油污顺院门流至胡同路面", "胡同路")]
    public void The_records_words_and_a_road_surface_are_no_place(string complaint, string notAPlace)
    {
        Assert.DoesNotContain(notAPlace, Draft(complaint).Draft);
    }
}
