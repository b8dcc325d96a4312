using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Tests;

/// <summary>
/// knowledge/streets.json places (reference data, not the plan's): each names one street and reads as that street
/// wherever it is named; a road between streets names none, and a street's short name inside it does not claim it.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class StreetPlacesTests(PlanFixture plan)
{
    private Gazetteer Gazetteer => plan.Runtime.Gazetteer;

    [Fact]
    public void No_place_is_listed_twice_or_under_two_streets_or_as_a_boundary_road()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var street in plan.Knowledge.Streets)
        {
            foreach (var place in street.Places.Select(ChineseText.Normalize))
            {
                if (!owners.TryAdd(place, street.Name))
                {
                    problems.Add($"{place}: {owners[place]} and {street.Name}");
                }
            }
        }

        var roads = plan.Knowledge.BoundaryRoads.Select(ChineseText.Normalize).ToList();
        problems.AddRange(roads.Where(owners.ContainsKey).Select(r => $"{r}: a boundary road and a place of {owners[r]}"));
        problems.AddRange(roads.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => $"{g.Key}: listed twice as a boundary road"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(plan.Knowledge.Streets, s => Assert.True(s.Places.Count >= 10, $"{s.Name}: {s.Places.Count} places"));
    }

    [Fact]
    public void Every_place_reads_as_its_own_street_even_where_it_contains_another_streets_name()
    {
        // Longest match wins: 德胜门内大街 is 什刹海's though 德胜 is a short name of 德胜街道, and 白纸坊东街 is read whole.
        var problems = new List<string>();
        foreach (var street in plan.Knowledge.Streets)
        {
            foreach (var place in street.Places.Select(ChineseText.Normalize))
            {
                var mentions = Gazetteer.Find($"就在{place}那边");
                if (mentions.Count != 1 || mentions[0].Surface != place || mentions[0].Street?.Name != street.Name)
                {
                    problems.Add($"{place} ({street.Name}): {string.Join(", ", mentions.Select(m => $"{m.Surface}→{m.Street?.Name ?? m.Unit?.Name ?? "-"}"))}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_boundary_road_names_no_street()
    {
        Assert.NotEmpty(plan.Knowledge.BoundaryRoads);
        Assert.All(plan.Knowledge.BoundaryRoads, road =>
            Assert.Empty(Gazetteer.FindStreets(ChineseText.Normalize($"{road}上有家饭馆油烟很大"))));
    }

    [Theory]
    // Places callers name that the first list lacked.
    [InlineData("龙泉胡同口那家小馆儿油烟大", "陶然亭街道")]
    [InlineData("菜园街靠里仁街那个口儿晚上出来个烧烤摊", "白纸坊街道")]
    [InlineData("红莲中里东侧空地的早市凌晨就吆喝", "广安门外街道")]
    [InlineData("地安门西大街北侧某居民楼楼道堆满杂物", "什刹海街道")]
    [InlineData("鼓楼西大街往南那胡同里有人烧树叶", "什刹海街道")]
    [InlineData("西单商场门口的店铺用大喇叭放广告", "西长安街街道")]
    [InlineData("西直门外大街车流噪声太大了", "展览路街道")]
    [InlineData("展览馆后湖的水发绿了", "展览路街道")]
    [InlineData("三里河一区楼下有人烧烤", "月坛街道")]
    [InlineData("积水潭医院门口的路天天堵车鸣笛", "什刹海街道")]
    // A street's short name inside a longer place of another street does not win.
    [InlineData("德胜门内大街有个工地夜里施工", "什刹海街道")]
    [InlineData("新街口东街那家烤串店油烟大", "什刹海街道")]
    [InlineData("新街口外大街有家饭馆油烟扰民", "德胜街道")]
    // Names that share a beginning stay apart.
    [InlineData("白纸坊东街路口有人烧纸", "白纸坊街道")]
    [InlineData("广安门外大街上的工地扬尘", "广安门外街道")]
    [InlineData("琉璃厂东街一家店门口喇叭吵", "大栅栏街道")]
    [InlineData("琉璃厂西街一家店门口喇叭吵", "椿树街道")]
    [InlineData("南横东街有家饭馆", "陶然亭街道")]
    [InlineData("南横西街有家饭馆", "牛街街道")]
    [InlineData("复兴门内大街的工地", "金融街街道")]
    [InlineData("复兴门外大街的工地", "月坛街道")]
    [InlineData("宣武门外东大街有人放鞭炮", "椿树街道")]
    // Between streets or through several: unresolved, the operator asks.
    [InlineData("西单北大街那边有个商场夜里施工", null)]
    [InlineData("德胜门西大街路边有人烧烤", null)]
    [InlineData("德胜门东大街有个工地", null)]
    [InlineData("菜市口大街的工地渣土车", null)]
    [InlineData("长安街上摩托车炸街", null)]
    [InlineData("琉璃厂那边有人放炮", null)]
    [InlineData("宣武门外大街一家商场夜里卸货", null)]
    [InlineData("阜成门内大街路北的居民楼", null)]
    public void A_phrase_names_the_street_of_the_place(string phrase, string? street)
    {
        var streets = Gazetteer.FindStreets(ChineseText.Normalize(phrase));

        Assert.Equal(street is null ? [] : [street], streets.Select(s => s.Name).ToArray());
    }
}
