using Assistant.Index.Hotline;

namespace Assistant.Index.Tests.Hotline;

/// <summary>
/// Issue 12: the triage reads the whole complaint — where the problem is over where the caller lives, the issue put
/// first over one mentioned in passing, time said colloquially or by a festival, the source by what is described
/// (exhaust, solvents, a named lake, bare ground) to the plan row that names it. Each draft passes the rubric too.
/// </summary>
[Collection(HotlineCollection.Name)]
public sealed class WholeComplaintTriageTests(HotlineFixture hotline)
{
    [Theory]
    [InlineData("一辆柴油大货车停在楼下不熄火，排气管冒黑烟，尾气呛得人喘不上气", "其他", null, null, "附件1-11-1")]
    [InlineData("胡同口那家修车的用稀料洗零件，香蕉水味儿特别冲", "其他", null, null, "附件1-7-2,附件1-7-3")]
    [InlineData("油罐车每天早上停在胡同口卸油，一股子汽油味儿", "其他", null, "昼间", "附件1-6-1")]
    [InlineData("人定湖的水又绿又臭，还有垃圾", "水环境", null, null, "附件2-14-1")]
    [InlineData("筒子河里漂着好多塑料袋", "水环境", null, null, null)]
    [InlineData("小区旁边那块空地光秃秃的全是黄土，一刮风满天飞", "扬尘", null, null, "附件1-13-2")]
    [InlineData("楼下饭馆油烟太大，熏得没法开窗。另外他们晚上收摊的时候也挺吵的", "餐饮油烟", null, "晚上", null)]
    [InlineData("工地天不亮就开始干活，电锯声吵死人", "建筑施工噪声", null, "夜间", null)]
    [InlineData("大年三十有人在楼下放鞭炮", "烟花爆竹", null, "晚上", null)]
    [InlineData("后半夜楼上邻居还在拖椅子", "社会生活噪声", null, "夜间", null)]
    [InlineData("一到饭点楼下饭馆的油烟就飘进来", "餐饮油烟", null, "昼间", null)]
    [InlineData("天一擦黑楼下烧烤摊就冒烟，呛得关窗", "餐饮油烟", null, "晚上", null)]
    [InlineData("胡同里下水道又冒了，脏水顺着胡同流，臭得没法走", "水环境", null, null, null)]
    [InlineData("院里保洁把扫的落叶堆墙角就给点了，烟呼呼往楼上冒", "其他", null, null, null)]
    [InlineData("大清早菜市场就开始卸货，吵得人睡不了", "社会生活噪声", null, "昼间", null)]
    [InlineData("我住在德胜街道，但要反映的是新街口那边一个工地半夜施工", "建筑施工噪声", "新街口街道", "夜间", null)]
    [InlineData("我家住月坛，来电是想说广安门内大街有家烧烤店油烟很大", "餐饮油烟", "广安门内街道", null, null)]
    [InlineData("湾子路上那个工地渣土车天天带泥上路，满地是泥", "扬尘", "广安门外街道", null, null)]
    [InlineData("我自己住月坛那边，我爸住牛街西里，他楼下新开的烤串店天天冒烟", "餐饮油烟", "牛街街道", null, null)]
    [InlineData("我是展览路的，过来看朋友，陶然亭公园西门有个工地半夜还在施工，吵得睡不着", "建筑施工噪声", "陶然亭街道", "夜间", null)]
    [InlineData("我是从天桥过来的，护国寺街有家饭馆后厨排烟直接冲人行道", "餐饮油烟", "什刹海街道", null, null)]
    [InlineData("我住琉璃厂那边儿，椿树的，想说报国寺旁边有人半夜唱歌", "社会生活噪声", "广安门内街道", "夜间", null)]
    [InlineData("楼下那家饭馆后厨一到晚上就冒烟，那动静吵得跟放炮似的", "餐饮油烟", null, "晚上", null)]
    [InlineData("后海酒吧驻唱声音太大，半夜还在唱", "社会生活噪声", "什刹海街道", "夜间", null)]
    [InlineData("三更半夜工地还在浇筑混凝土，搅拌车轰隆隆的", "建筑施工噪声", null, "夜间", null)]
    [InlineData("楼下饭馆油烟很大，顺便说一下，门口那条路扬尘也很严重，灰尘满天飞，洒水车从来不来", "餐饮油烟", null, null, null)]
    [InlineData("工地夜里打桩吵得睡不着，另外工地门口的路上全是土，渣土车撒土严重", "建筑施工噪声", null, "夜间", null)]
    [InlineData("河道里有死鱼，臭味很大，还有就是河边烧烤的油烟也挺大", "水环境", null, null, null)]
    [InlineData("主要是反映广场舞音响太吵，另外公园旁边的饭馆油烟也有点大，油烟呛人", "社会生活噪声", null, null, null)]
    [InlineData("小区有人烧煤炉子，烟呛得很，另外楼下有人放鞭炮", "散煤", null, null, null)]
    // Foul water by the bins is no matter of rivers and drains; a refuse station's smell is one the plan has no row for.
    [InlineData("黑窑厂街附近垃圾分类驿站夏季异味严重，垃圾未能日产日清，桶周边有污水", "其他", "陶然亭街道", null, null)]
    // 没动静 is no response, not a noise; a chimney over a restaurant is its smoke.
    [InlineData("湾子那边儿一家羊蝎子店，烟囱就冲我家卧室窗户，能让他们挪挪吗？打过一回了，没动静", "餐饮油烟", "广安门外街道", null, null)]
    [InlineData("杨梅竹斜街有个小馆儿做卤煮，一大早就开始煮下水，那味儿顺着风全飘过来", "餐饮油烟", "大栅栏街道", "昼间", null)]
    // 主要是味儿 beside a print shop's ink: the ink's smell, not a kitchen's.
    [InlineData("打印店后屋好几台大机器，印喷绘，一股子塑料油墨味儿，机器还哗哗响，那个倒是其次，主要是味儿", "其他", null, null, null)]
    // A refuse station's compacting noise is the complaint; its smell comes after, in passing.
    [InlineData("垃圾楼每日凌晨四时许开始压缩作业，清运车进出、倒桶撞击及压缩机运转声响较大，夏季另有垃圾异味", "社会生活噪声", null, "夜间", null)]
    public void Triage_reads_the_whole_complaint(string complaint, string category, string? street, string? timeOfDay, string? refs)
    {
        var t = hotline.Triage.Triage(complaint);

        Assert.Equal(category, t.Category);
        Assert.Equal(street, t.Street?.Name);
        Assert.Equal(timeOfDay, t.Time?.Period);
        if (refs is not null)
        {
            Assert.True(HotlineEvaluator.RefsMatch(t, refs.Split(',')), string.Join(",", t.Basis.Select(b => b.Measure.Ref)));
        }

        var draft = new HotlineDrafter(hotline.Plan.Knowledge, new DraftTerms(24, 15), hotline.Triage.Guide).Draft(t).Draft;
        var verdict = new DraftRubric(hotline.Plan.Knowledge, hotline.Plan.Runtime.Gazetteer).Check(draft, t.Covered);
        Assert.True(verdict.Passed, $"{draft}: {string.Join("; ", verdict.Problems)}");
    }
}
