using System.Text.RegularExpressions;
using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>
/// The restatement a supervisor would write, checked by general properties over every complaint the project holds
/// (no exact strings for known complaints): no fillers, pronouns or record words, nothing doubled or dangling, the
/// place and a problem word present; and the time and place slots on phrasings written for these tests.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed partial class CallerRestatementTests(HotlineFixture hotline)
{
    public static TheoryData<string> Sets => new() { "complaints.jsonl", "complaints-blind.jsonl", "review/complaints-blind-review.jsonl", "review2/complaints-blind-review2.jsonl",
        "review3/complaints-blind-review3.jsonl", "review4/complaints-blind-review4.jsonl", "review5/complaints-blind-review5.jsonl",
        "review6/complaints-blind-review6.jsonl", "review7/complaints-blind-review7.jsonl", "review8/complaints-blind-review8.jsonl",
        "review9/complaints-blind-review9.jsonl", "review10/complaints-blind-review10.jsonl", "review11/complaints-blind-review11.jsonl",
        "review12/complaints-blind-review12.jsonl" };

    [Theory]
    // A matter outside the categories is said in the caller's first clauses, cleaned: no talk about the call itself, no
    // 您听我说, no 您+place, family said plainly.
    [InlineData("第三回打电话了，您听我说，我们红莲南里那片儿的电梯坏了俩礼拜", "您反映：红莲南里一带的电梯坏了俩礼拜。")]
    [InlineData("我妈她们楼那个楼道灯坏了一个月了", "您反映：您母亲她们楼楼道灯坏了一个月了。")]
    public void A_matter_outside_the_categories_is_said_in_the_callers_clauses_cleaned(string complaint, string sentence)
    {
        var t = hotline.Triage.Triage(complaint);
        Assert.Equal(ComplaintCategories.Other, t.Category);
        Assert.Equal(sentence, CallerRestatement.Sentence(t));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_restatement_reads_as_one_clean_sentence(string file)
    {
        var items = HotlineEvaluator.Read(Path.Combine(hotline.Plan.RepositoryRoot, "tests", "eval", file));
        var failures = new List<string>();
        foreach (var item in items)
        {
            var t = hotline.Triage.Triage(item.Complaint);
            var sentence = CallerRestatement.Sentence(t);
            var problems = Problems(sentence, t).ToList();
            if (problems.Count > 0)
            {
                failures.Add($"{item.Complaint}\n  → {sentence}\n  ✗ {string.Join("; ", problems)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count}/{items.Count}:\n{string.Join("\n", failures)}");
    }

    private static IEnumerable<string> Problems(string sentence, Triage t)
    {
        if (Filler().Match(sentence) is { Success: true } filler)
        {
            yield return $"filler '{filler.Value}'";
        }

        if (FirstPerson().Match(sentence) is { Success: true } pronoun)
        {
            yield return $"caller's pronoun '{pronoun.Value}'";
        }

        foreach (var word in DraftRubric.RecordWords.Concat(["其居住", "来电", "诉求", "反映：：", "[", "］"]).Where(w => sentence.Contains(w, StringComparison.Ordinal)))
        {
            yield return $"record word '{word}'";
        }

        if (Dangling().Match(sentence) is { Success: true } dangling)
        {
            yield return $"dangling '{dangling.Value}'";
        }

        if (Doubled(sentence) is { } doubled)
        {
            yield return $"doubled '{doubled}'";
        }

        if (sentence.Length > 90)
        {
            yield return $"{sentence.Length} characters";
        }

        // A matter of the plan's categories is restated with a problem word; the street the caller named stays.
        if (t.Category != ComplaintCategories.Other && !ProblemWord().IsMatch(sentence))
        {
            yield return "no problem word";
        }

        if (t.StreetEvidence is { } street && t.Facts.Where is { } where && where.StartsWith(street, StringComparison.Ordinal)
            && !sentence.Contains(street, StringComparison.Ordinal))
        {
            yield return $"place '{street}' lost";
        }
    }

    /// <summary>Any run of four or more characters said twice (天桥街道某商场，天桥街道某商场).</summary>
    private static string? Doubled(string s)
    {
        for (var i = 0; i + 4 <= s.Length; i++)
        {
            var run = s.Substring(i, 4);
            if (run.All(char.IsLetter) && s.IndexOf(run, i + 1, StringComparison.Ordinal) > 0)
            {
                return run;
            }
        }

        return null;
    }

    [Theory]
    [InlineData("天天晚上在小区门口摆摊烤串，七点多一直到十一点，烟大得很", "每天晚上七点多到十一点")]
    [InlineData("工地凌晨三四点还在浇筑，吵得睡不着", "凌晨三四点")]
    [InlineData("对面酒吧每天夜里营业到两点多，音乐震天响", "持续到凌晨两点多")]
    [InlineData("一到晚上九点以后就有渣土车拉土进工地，轰隆隆的", "每天晚上九点以后")]
    [InlineData("天不亮五点钟垃圾车就来收垃圾，哐哐响", "凌晨五点")]
    [InlineData("路口管线施工，近一周每晚11点至次日凌晨4点用破碎锤破路面，噪音剧烈", "11点到凌晨4点")]
    [InlineData("路边长期停靠旅游大巴，发动机怠速开空调，尾气直排向临街住户窗口，每天上午九点至下午四点持续", "上午九点到下午四点")]
    public void The_time_is_said_in_standard_words(string complaint, string when)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.Contains(when, sentence);
        Assert.DoesNotContain("天天", sentence);
        Assert.DoesNotContain("一直到", sentence);
    }

    [Theory]
    // The time of the problem, not of an incident told beside it, of the caller's own day, or of a limit asked for.
    [InlineData("隔壁涮肉馆天一擦黑就开始生炭，烟往院里灌。去年冬天我们院老周头闻那味儿头晕，半夜叫的120。", "傍晚", "半夜")]
    [InlineData("我开出租跑夜班，早上六点多才回家睡觉。胡同口快递点五点不到大货车就来卸货，哐当哐当的。", "五点以前", "六点多")]
    [InlineData("后海酒吧驻唱后半夜两点了还在吼。能不能给他们定个点儿，十一点以后不许唱？", "两点", "十一点")]
    public void The_time_is_that_of_the_problem(string complaint, string when, string not)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.Contains(when, sentence);
        Assert.DoesNotContain(not, sentence);
    }

    [Theory]
    // A festival the trouble began after, a span from morning to night, an hour right behind 到: each said as it is.
    [InlineData("胡同里一家烤鸭店，自打春节后重新开业，烟就往院里灌，衣服都熏黑了", "烤鸭店", "春节")]
    [InlineData("我们楼里有户人家养了两条狗，白天没人，狗就在家里叫，从早上叫到晚上，吵得我血压都上来了", "从早到晚", "持续到")]
    [InlineData("楼底下饺子馆的空调外机，晚上开到十点十一点，嗡嗡的", "十点、十一点", "十一点运行噪声大、持续到十点")]
    [InlineData("写字楼食堂中午炒菜，从十一点一直炒到十二点，油烟全往我们院里飘", "中午十二点", "凌晨")]
    [InlineData("隔壁涮肉馆生炭，烟往院里灌，去年冬天我们院老人闻了头晕", "涮肉馆", "冬天")]
    [InlineData("楼下饭馆油烟大，把我们家墙都熏黑了", "油烟", "黑烟")]
    [InlineData("后墙外头开了家烤鸭店，一到傍晚五点多开炉，那烟顺着院墙就翻进来了", "傍晚五点多", "凌晨")]
    [InlineData("市民来电反映：某楼地下一层共享厨房油烟从通风口排出，晚上五点至九点最严重。", "晚上五点到九点", "凌晨")]
    [InlineData("我住什刹海这边儿，德胜门箭楼西边那片胡同……哦不对不对，问题不在我们这边，是德外大街往北那个炒货店，门口支大锅炒栗子，冒黑乎乎的烟", "炒货店", "不对")]
    [InlineData("市民来电反映：先农坛西侧围挡外空地近期多次被人夜间偷倒装修垃圾，碎砖、旧瓷砖堆成小山，凌晨四点多曾看到三轮车卸货。", "偷倒", "装卸货物")]
    [InlineData("市民来电反映：近半月来前海靠银锭桥一侧水面出现大片绿藻，并有死鱼漂浮，岸边散发腥臭味。诉求：请相关部门清理水面藻类和死鱼，并检查是否有污水排入湖中。", "湖水", "倾倒")]
    [InlineData("我妈家挨着一个小学的食堂，排风机在墙外头，十点多就开始轰，炖菜那个油烟味儿全灌屋里。噪音是一方面，嗡嗡的，主要是味儿，老太太有哮喘", "食堂", "运行噪声")]
    [InlineData("广安门内大街那个饭庄办婚宴，每到周末中午门口就放鞭炮，噼里啪啦，烟雾一大片，呛得人直流眼泪", "燃放烟花爆竹", "油烟")]
    public void The_time_is_not_misread(string complaint, string said, string not)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.Contains(said, sentence);
        Assert.DoesNotContain(not, sentence);
    }

    [Theory]
    // What is wrong, as described: a bakery's butter smell is no smoke, coal in a stall is no cooking oil, a bath-house
    // boiler is no household, concrete poured at night is no breaking work, an idling car no black smoke unless said.
    [InlineData("小区底商面包房每天凌晨四点开始烤，黄油奶油味儿特别冲", "烘焙店", "烟")]
    [InlineData("报国寺东边炒货店门口用大锅炒栗子炒瓜子，烟挺大", "炒货店", "油烟")]
    [InlineData("胡同口有个烤白薯的，烧的是煤，烟呛得过路的直咳嗽", "烧煤冒烟", "油烟")]
    [InlineData("胡同里老浴池的锅炉每天清晨冒黑烟，怀疑还在烧煤", "浴池锅炉", "住户")]
    [InlineData("工地昨晚十二点还在打混凝土，泵车轰轰的，吵得没法睡", "浇筑混凝土", "破碎")]
    [InlineData("写字楼门口商务车长时间怠速等人，尾气直冲人行道", "长时间怠速", "黑烟")]
    public void What_is_wrong_is_said_as_described(string complaint, string said, string not)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.Contains(said, sentence);
        Assert.DoesNotContain(not, sentence);
    }

    [Theory]
    // Who makes the noise or the smell, as the caller names it: a shop's speaker is no neighbour, a gym no passer-by.
    [InlineData("隔壁服装店门口音箱全天循环播放清仓大甩卖，音量大", "商铺")]
    [InlineData("楼下底商新开了个健身房，动感单车课早上六点半就开，音乐咚咚的", "健身房")]
    [InlineData("拉胡同游的三轮车，车上挂个小喇叭，一天重复几十遍，吵死了", "三轮车")]
    [InlineData("院落里有人做旧加工，晚上用化学药水浸泡，刺激性气味飘过来", "化学药水")]
    [InlineData("楼下美甲店的卸甲水味儿顺着通风道上来，家里全是", "美甲店")]
    public void The_source_is_the_one_the_caller_names(string complaint, string source)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.Contains(source, sentence);
        Assert.DoesNotContain("邻居", sentence);
        Assert.DoesNotContain("油烟", sentence);
    }

    [Theory]
    // The place whole and cleaned: grown over what still places it, fillers and pronouns out, 这个 → 某.
    [InlineData("我跟你说啊，我们月坛这边那个小区门口天天有人烧烤，烟呛死了", "月坛某小区门口")]
    // An area then a narrower place is one place; a bracketed landmark and a lane's number stay; the bare 公园 of the
    // clause that states the problem is the park named before.
    [InlineData("我妈住白纸坊，右安门内大街建功北里那块儿，有个煎饼车天天早上停楼底下，油烟呛人", "白纸坊右安门内大街建功北里")]
    [InlineData("广外湾子那边儿，湾子路往里走，有个快递点儿，每天早上四点卸货分拣，吵得睡不着", "广外湾子路")]
    [InlineData("市民来电反映：大栅栏街道大栅栏西街（近铁树斜街）多家商铺门口喇叭循环播放广告，噪声大。", "大栅栏街道大栅栏西街（近铁树斜街）有")]
    [InlineData("市民来电反映：月坛街道南礼士路二条附近一家川菜馆，中午炒辣椒油烟呛人。", "月坛街道南礼士路二条附近")]
    [InlineData("我爸住陶然亭公园北门对面那个楼。公园门口广场上每天傍晚跳广场舞，音箱特别响。", "陶然亭公园门口广场")]
    [InlineData("我住德胜，可这事在新街口那边，公园南门外头有个工地，刮风天灰特别大", "新街口公园南门外")]
    [InlineData("椿树这块儿胡同里有家饭馆，油烟全冲我家窗户", "椿树一带胡同里")]
    [InlineData("喂，我家楼下有家饭馆油烟太大了", "您家楼下")]
    // Places the gazetteer does not know are still said, by how Beijing names them (…长街, …里某楼, 街头绿地).
    [InlineData("市民来电反映：南长街附近一处街头绿地，每天早晨六点有老人用扩音器唱卡拉OK，声音传至周边住宅。", "南长街附近一处街头绿地")]
    [InlineData("市民来电反映：来电人住南华里某楼，楼下面包店凌晨四点开始烘烤，排风机运行声响明显。", "南华里某楼")]
    // The way there is no part of the place: 上学得走自新路那边儿 is 自新路.
    [InlineData("我家住牛街，我每天早上送孩子上学得走自新路那边儿，有个汽修店就在门口喷漆，那味儿冲", "自新路")]
    // A lake's bank, a bracketed stretch, two roads crossing or listed, a road's mouth and side, a building and its
    // ground-floor shops, and a step away from a landmark all stay in the place.
    [InlineData("市民来电反映：什刹海西海北沿（德胜门至积水潭桥段）夜间有人用音箱唱歌，声音很大。", "什刹海西海北沿（德胜门至积水潭桥段）")]
    [InlineData("市民来电反映：槐柏树街与长椿街交口附近一家烤肉店油烟直排。", "槐柏树街与长椿街交口附近")]
    [InlineData("市民来电反映：每天夜里渣土车经菜市口大街、骡马市大街一带，车上没盖苫布，掉一路土。", "菜市口大街、骡马市大街一带")]
    [InlineData("西四北大街砖塔胡同口北侧便道上有个卖煎饼的，天天早上炸果子，油烟呛人", "西四北大街砖塔胡同口北侧便道上")]
    [InlineData("阜成门内大街路南那个酒吧，夜里音响咚咚的，吵得睡不着", "阜成门内大街路南")]
    [InlineData("市民来电反映：红莲南里3号楼一层底商超市冷柜外机夜间噪声大。", "红莲南里底商超市")]
    [InlineData("您好，白塔寺往西一点那个饭馆，排烟口冲着我们院儿，油烟呛人", "白塔寺往西一点某饭馆")]
    [InlineData("长椿街那边儿胡同里，天天上午有个收旧手机的三轮儿，大喇叭一遍一遍喊", "长椿街胡同里")]
    // A lane named …街 (太平街, not only …大街), a subway exit beside a road, the side of a landmark.
    [InlineData("喂您好，我家楼下是个面包房，陶然亭这边儿，太平街那块儿的。凌晨三点多就开始烤，黄油味儿甜腻腻的", "陶然亭太平街")]
    [InlineData("市民来电反映：新街口北大街地铁口旁一煎饼摊早高峰经营，油烟较大", "新街口北大街地铁口旁")]
    [InlineData("广内报国寺东边那个拆除工程，破碎锤一直哐哐砸，声音震得玻璃都响", "广内报国寺东边")]
    public void The_place_is_the_callers_phrase_cleaned(string complaint, string place)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.StartsWith("您反映" + place, sentence);
        Assert.DoesNotContain("喂", sentence);
        Assert.DoesNotContain("那个", sentence);
    }

    [Fact]
    public void A_place_that_names_the_source_does_not_say_it_twice()
    {
        // 拆除工地 is both where and what: not "拆除工地有拆迁工地".
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage("白纸坊西街那个拆除工地中午也在拆，破碎锤咣咣的，吵得午觉都睡不了"));

        Assert.DoesNotContain("工地有拆迁工地", sentence);
        Assert.Contains("工地", sentence);
    }

    [Theory]
    // The business named, not its process (咖啡馆 roasting beans is no bakery); a Korean barbecue restaurant is no stall.
    [InlineData("我住的胡同旁边院儿改成了咖啡馆，他们自个儿炒咖啡豆，说是叫烘焙，那焦糊的烟天天飘过来", "咖啡馆", "烘焙")]
    [InlineData("德外大街那个韩国烤肉，排烟管子直接冲我们楼道那侧墙上排，墙都熏黄了", "烤肉店", "烧烤摊")]
    public void The_business_is_named_not_its_process(string complaint, string source, string not)
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(complaint));

        Assert.Contains(source, sentence);
        Assert.DoesNotContain(not, sentence);
    }

    [Fact]
    public void What_a_permit_says_is_no_description_of_the_work()
    {
        var sentence = CallerRestatement.Sentence(hotline.Triage.Triage(
            "武定侯街那个工地夜里十二点还在咣咣地砸，整栋楼都在震！许可证上写的是浇筑混凝土，可他们那是砸东西的声儿。"));

        Assert.DoesNotContain("混凝土", sentence);
        Assert.Contains("武定侯街", sentence);
    }

    [Fact]
    public void Night_work_rules_are_not_quoted_for_work_by_day()
    {
        var triage = hotline.Triage.Triage("白纸坊西街那个拆除工地中午也在拆，破碎锤咣咣的，吵得午觉都睡不了");
        var draft = new HotlineDrafter(hotline.Plan.Knowledge, new DraftTerms(24, 15), hotline.Triage.Guide).Draft(triage).Draft;

        Assert.Equal(TimeOfDay.Day, triage.Time?.Period);
        Assert.DoesNotContain("夜间", draft, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^您反映：?(?:喂|哎|嗯)|(?:喂|啊|呀|呢|嘛|哦)(?=[，。、的])|(?<!酒)吧(?=[，。、的])")]
    private static partial Regex Filler();

    [GeneratedRegex(@"我|俺|咱")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"的的|有有|某某|一带一带|那个|这个|[，、]的问题|的，|：：|有的问题|反映的问题")]
    private static partial Regex Dangling();

    [GeneratedRegex(@"扰民|噪声|声音|照射|堵塞|积水|污水|油烟|烟|扬尘|尘|臭|异味|发黑|水质|遗撒|燃放|充电|隐患|刺鼻|焚烧|漂浮|鸣笛|喷漆|冒黑烟|不足|倾倒|油气|加油")]
    private static partial Regex ProblemWord();

    [Theory]
    // Common hotline matters outside the plan, said in the hotline's words rather than the caller's clauses.
    [InlineData("隔壁院里有人私搭乱建，盖了一间小房", "有人私搭乱建")]
    [InlineData("楼道里堆满了纸箱子旧家具，走都走不过去", "楼道内堆放杂物")]
    [InlineData("胡同口那个井盖松了，一踩就晃", "井盖破损缺失")]
    public void A_common_matter_outside_the_plan_is_said_in_the_hotlines_words(string complaint, string matter)
    {
        var t = hotline.Triage.Triage(complaint);

        Assert.False(t.Covered);
        Assert.Contains(matter, CallerRestatement.Sentence(t), StringComparison.Ordinal);
    }
}
