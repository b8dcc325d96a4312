using System.Text.RegularExpressions;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>
/// The one sentence a supervisor would write back to the caller: "您反映{where}{what}{when}的问题". Each slot is built
/// to be a complete phrase on its own, so the sentence is grammatical by construction rather than cut from speech:
/// <list type="bullet">
/// <item>where — the caller's own place phrase for the problem, whole (grown over 这超市后门, 公园东门外头), cleaned of
/// fillers (这边, 那个) and pronouns (我们, 我家 → 您家);</item>
/// <item>what — a source (烧烤摊, 工地, 货车) and a predicate (油烟呛人, 施工噪声扰民) in plain standard words, picked by
/// what the complaint describes within its category;</item>
/// <item>when — frequency, period and clock normalised (天天晚上……七八点一直到十点多 → 每天晚上七八点到十点多).</item>
/// </list>
/// A complaint the plan's categories do not describe (其他 without a topic) keeps the caller's first clauses, cleaned.
/// </summary>
public static partial class CallerRestatement
{
    /// <summary>What the supervisor restates, without the leading 您反映 and the trailing 的问题.</summary>
    public sealed record Parts(string? Where, string Source, string When, string Predicate, string Tail, string? Fallback);

    /// <summary>The full sentence, "您反映……的问题。" (or "您反映：……。" for a matter the categories do not describe).</summary>
    public static string Sentence(Triage t) => Sentence(Build(t));

    /// <summary>The full sentence from parts already built.</summary>
    public static string Sentence(Parts p)
    {
        if (p.Fallback is { } told)
        {
            return told.Length == 0 ? "您反映的情况。" : $"您反映：{told}。";
        }

        return $"您反映{Join(p)}的问题。";
    }

    internal static string Join(Parts p)
    {
        var where = p.Where ?? "";
        // 一段河|水, 公园湖|水: the place runs on into the water it names; 河水有异味 is said without 有.
        // 拆除工地 + 拆迁工地: the place already names the thing (same head noun), so it is not said twice.
        var source = p.Source.Length == 0 || where.Contains(p.Source, StringComparison.Ordinal)
            || (where.Length >= 2 && p.Source.Length >= 2 && where.EndsWith(p.Source[^2..], StringComparison.Ordinal)) ? ""
            : where.Length > 0 && p.Source.Length > 1 && where[^1] is '河' or '湖' && where[^1] == p.Source[0] ? p.Source[1..]
            : p.Predicate.StartsWith('有') || p.Source.EndsWith('水') ? p.Source
            : "有" + p.Source;
        // 一条公交线路|公交线路调整: what the place already says is not said again.
        var predicate = p.Predicate;
        for (var k = Math.Min(6, Math.Min(where.Length, predicate.Length - 1)); k >= 2 && source.Length == 0 && p.When.Length == 0; k--)
        {
            if (where.EndsWith(predicate[..k], StringComparison.Ordinal))
            {
                predicate = predicate[k..];
                break;
            }
        }

        return $"{where}{source}{p.When}{predicate}{p.Tail}";
    }

    public static Parts Build(Triage t)
    {
        var text = Clean(ChineseText.Normalize(t.Complaint ?? t.Facts.Summary));
        var topic = t.Topic ?? t.Basis.FirstOrDefault()?.Topic;
        // 诉求：检查是否有污水排入湖中: what the record asks for is no description of the problem or its time.
        var problem = ComplaintReader.RequestStart().Match(text) is { Success: true, Index: >= 12 } asked ? text[..asked.Index] : text;
        // 许可证上写的是浇筑混凝土: what a permit says is allowed is no description of what is going on.
        var what = What(t.Category, topic, PaperSays().Replace(problem, "，"));
        // A matter of daily life (路灯不亮) is said without the hour it was noticed at.
        var (when, tail) = t.Category == ComplaintCategories.Other && (topic is null || !OtherTopics.ContainsKey(topic)) ? ("", "") : When(problem, t);
        // 凌晨四点来卸……一宿就睡到四点: the same hour said twice is one time, not a span.
        if (tail.StartsWith("、持续到", StringComparison.Ordinal) && when.Contains(tail["、持续到".Length..], StringComparison.Ordinal))
        {
            tail = "";
        }
        var where = Place(t, text);
        if (what is null)
        {
            // The caller's words; the place they named put first when those words leave it out.
            var told = Told(text) ?? "";
            if (told.Length > 0 && t.Facts.Where is not null && where is { Length: > 0 } && !told.Contains(where, StringComparison.Ordinal)
                && !(t.StreetEvidence is { } e && told.Contains(e, StringComparison.Ordinal)))
            {
                // 您每周回去…: the place said first, as a clause of its own.
                told = told.StartsWith('您') ? $"{where}，{told}" : where + told;
            }

            return new Parts(where, "", "", "", "", told);
        }

        return new Parts(where, what.Value.Source, when, what.Value.Predicate, tail, null);
    }

    [GeneratedRegex(@"(?:许可证?|证|手续|批文|公示|牌子)上(?:面)?(?:写的?|写着|说的?|标的?)[^，。！？,!?；;]*")]
    private static partial Regex PaperSays();

    // ---- where ----------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"^[^\P{IsCJKUnifiedIdeographs}要在是到从我投诉反映那这个]{1,6}(?:大街|南街|北街|东街|西街|斜街|路|胡同)$")]
    private static partial Regex RoadBefore();

    /// <summary>
    /// The caller's place phrase for the problem, grown over what still places it and cleaned; null when the caller
    /// names none. A place phrase the triage read through a verb or a time (要投诉陶然亭公园门口, 晚上九点多工地) is cut
    /// back to the named place it contains, or left out.
    /// </summary>
    internal static string? Place(Triage t, string text)
    {
        var where = t.Facts.Where is { } w ? ChineseText.Normalize(w) : null;
        // 东椿树胡同: a one-character prefix (东, 南, 大, 新) is part of the name, not a lead-in to cut.
        if (where is not null && t.StreetEvidence is { } evidence && where.IndexOf(evidence, StringComparison.Ordinal) is > 0 and var at
            && !(at == 1 && "东西南北前后大小新老上下内外".Contains(where[0], StringComparison.Ordinal))
            // 西四北大街|砖塔胡同口: a road before the named place is part of where, no lead-in.
            && !RoadBefore().IsMatch(where[..at]))
        {
            where = where[at..];
        }

        // 该处路边: the record points back to a place named before; that place is the one to say.
        if (where is not null && (where.StartsWith("该处", StringComparison.Ordinal) || where.StartsWith("此处", StringComparison.Ordinal)))
        {
            where = t.StreetEvidence;
        }

        if (where is not null && NotAPlace().IsMatch(where))
        {
            where = t.StreetEvidence is { } e && where.Contains(e, StringComparison.Ordinal) ? e : null;
        }

        if (where is not null && text.IndexOf(where, StringComparison.Ordinal) is >= 0 and var start)
        {
            var rest = text[(start + where.Length)..];
            // 广内|这超市后门, 白纸坊|这条路: a demonstrative and a place word close behind still place it.
            if (Continued().Match(rest) is { Success: true } more)
            {
                where += more.Value;
            }
            // 陶然亭那边，|公园东门外头有个工地: the next clause opens with where exactly.
            else if (rest.Length > 1 && rest[0] is '，' or ',' && NextPlace().Match(rest[1..]) is { Success: true } next && EndsWithDirection().IsMatch(where))
            {
                where = EndsWithDirection().Replace(where, "") + next.Groups["p"].Value;
            }
        }

        if (where is null)
        {
            // 我们家楼上漏水, 其居住小区: the caller's own home, said neutrally; else the street the caller named.
            return OwnHome().Match(text) is { Success: true } home ? Home(home.Groups["home"].Value, home.Groups["rel"].Value)
                : t.StreetEvidence is { } named ? Tidy(named, t) : null;
        }

        return Tidy(where, t);
    }

    private static string Tidy(string where, Triage t)
    {
        // 马路对面|阜成门外大街: the opposite side is no part of the place's name.
        var s = (where.StartsWith('面') ? where[1..] : where).Replace(PersonalData.DoorMask, "", StringComparison.Ordinal);
        s = ThisRoad().Replace(s, m => "一带" + (m.Groups[2].Value == "胡同" ? "胡同" : "道路"));
        s = Demonstrative().Replace(s, "某");
        s = AreaFiller().Replace(s, "一带");
        s = DirectionFiller().Replace(s, m => m.Index + m.Length == s.Length ? "一带" : "");
        s = s.Replace("对过儿", "对面", StringComparison.Ordinal).Replace("对过", "对面", StringComparison.Ordinal)
            .Replace("外头", "外", StringComparison.Ordinal).Replace("里头", "里", StringComparison.Ordinal)
            .Replace("边上", "边", StringComparison.Ordinal).TrimEnd('儿');
        s = Pronoun().Replace(s, "");
        s = s.EndsWith("小区楼", StringComparison.Ordinal) ? s[..^1] : s;
        s = s.Replace("一带一带", "一带", StringComparison.Ordinal).Replace("某某", "某", StringComparison.Ordinal);
        // 某单位院|有食堂 reads as one word: a courtyard is said with 内; 一临街 (商铺) is no place of its own.
        s = s.EndsWith('院') && !s.EndsWith("医院", StringComparison.Ordinal) && !s.EndsWith("学院", StringComparison.Ordinal) && !s.EndsWith("剧院", StringComparison.Ordinal) ? s + "内"
            : s.EndsWith("一临街", StringComparison.Ordinal) ? s[..^3] : s;
        // A bare street name (牛街, 广外) reads as a district: 牛街一带.
        if (t.StreetEvidence is { } e && s == e && !s.EndsWith("街道", StringComparison.Ordinal))
        {
            s += "一带";
        }

        // 家门口 left as 口: no place is said rather than a fragment.
        return s.TrimStart('某').Length < 2 ? t.StreetEvidence ?? "" : s;
    }

    // ---- what -----------------------------------------------------------------------------------------------------

    /// <summary>A source and what is wrong with it, first match of its category wins; null for a matter outside them.</summary>
    internal static (string Source, string Predicate)? What(string category, string? topic, string text)
    {
        if (category == ComplaintCategories.Other)
        {
            if (topic is null || !OtherTopics.TryGetValue(topic, out var known))
            {
                // A matter of daily life the plan does not cover, said in the hotline's words when it is a common one
                // (楼上漏水, 路灯不亮): the caller's own clauses otherwise.
                return DailyMatters.FirstOrDefault(d => d.Cue.IsMatch(text)) is { } daily ? ("", daily.Text) : null;
            }

            // A topic's own wordings (Sources/Predicates keyed by the topic's name) say which business or vehicle it
            // is — 家具作坊 rather than 汽修店 — before the topic's default words.
            category = topic;
            var (ownSource, ownPredicate) = (Said(Sources, category, text), Predicates.Where(p => p.Category == category).FirstOrDefault(p => p.Cue.IsMatch(text))?.Text);
            return (ownSource ?? known.Item1, ownPredicate ?? known.Item2);
        }

        var source = Said(Sources, category, text) ?? "";
        var predicate = Predicates.Where(p => p.Category == category).FirstOrDefault(p => p.Cue.IsMatch(text))?.Text ?? "";
        if (category == ComplaintCategories.Water && predicate.Length == 0)
        {
            // 前海水面大片绿藻、死鱼: what the water looks like, said of the water itself.
            predicate = WaterState(text);
            source = source.Length > 0 ? source : "水体";
        }

        return (source, predicate.Length > 0 ? predicate : Defaults[category]);
    }

    /// <summary>The first wording of the category whose cue the text matches; "$0" in it is the caller's own word (酒吧, KTV).</summary>
    private static string? Said(Wording[] wordings, string category, string text) =>
        wordings.Where(s => s.Category == category).Select(s => (s.Text, Match: s.Cue.Match(text))).FirstOrDefault(s => s.Match.Success) is { Match: not null } found
            ? found.Text.Replace("$0", found.Match.Value, StringComparison.Ordinal)
            : null;

    private static string WaterState(string text)
    {
        var states = new List<string>();
        if (text.Contains('黑', StringComparison.Ordinal))
        {
            states.Add("发黑");
        }

        if (text.Contains('臭', StringComparison.Ordinal))
        {
            states.Add("发臭");
        }
        else if (text.Contains("异味", StringComparison.Ordinal) || text.Contains("味", StringComparison.Ordinal))
        {
            states.Add("有异味");
        }

        if (text.Contains("发绿", StringComparison.Ordinal) || text.Contains("变绿", StringComparison.Ordinal))
        {
            states.Add("发绿");
        }

        if (text.Contains("死鱼", StringComparison.Ordinal))
        {
            states.Add("有死鱼");
        }

        if (text.Contains('藻', StringComparison.Ordinal) || text.Contains("漂浮", StringComparison.Ordinal))
        {
            states.Add("水面有漂浮物");
        }

        return states.Count == 0 ? "水质差" : string.Join("、", states);
    }

    /// <summary>Water poured down a drain, a river or a ditch (往下水道倒, 倒进雨水箅子).</summary>
    private const string PouredAway = "(?:(?:倒|倾倒|排).{0,6}(?:雨水|下水|河|沟|箅子)|(?:雨水|下水|箅子).{0,6}(?:倒|倾倒))";

    /// <summary>Smoke that is not from cooking (焙茶, 烘咖啡豆, 锯末熏制, 门口生炭): no 油烟, and no cooking-fumes clause quoted.</summary>
    private const string NotCookingSmoke = "焙茶|炒茶|烘茶|烘豆|烘焙|面包房|面包店|蛋糕店|西点|烤豆子|熏制|熏肉|锯末|生炭|点炭|烧炭|炒货|炒瓜子|炒栗子|炒花生";

    public static bool NotCooking(string normalized) => Regex.IsMatch(normalized, NotCookingSmoke);

    private sealed record Wording(string Category, Regex Cue, string Text);

    private static Wording W(string category, string cue, string word) => new(category, new Regex(cue, RegexOptions.CultureInvariant), word);

    private const string Fumes = ComplaintCategories.CookingFumes;
    private const string Building = ComplaintCategories.ConstructionNoise;
    private const string Traffic = ComplaintCategories.TrafficNoise;
    private const string Social = ComplaintCategories.SocialNoise;
    private const string Dust = ComplaintCategories.Dust;
    private const string Coal = ComplaintCategories.LooseCoal;
    private const string Fireworks = ComplaintCategories.Fireworks;
    private const string Water = ComplaintCategories.Water;
    private const string Charging = ComplaintCategories.Charging;

    // The source the complaint names, in standard words; the caller's exact word where it is already standard.
    private static readonly Wording[] Sources =
    [
        W(Fumes, "共享厨房|外卖厨房|中央厨房", "外卖共享厨房"),
        // 咖啡馆……炒咖啡豆，说是叫烘焙: the business named, not the process.
        W(Fumes, "咖啡", "咖啡馆"),
        W(Fumes, "面包|烘焙|蛋糕|西点", "烘焙店"),
        W(Fumes, "炒货|炒瓜子|炒栗子|炒花生", "炒货店"),
        W(Fumes, "焙茶|炒茶|烘茶|茶叶|茶城", "茶叶店"),
        W(Fumes, "熏肉|熏制|锯末", "熟食熏制作坊"),
        W(Fumes, "涮肉|铜锅", "涮肉馆"),
        W(Fumes, "(露天|摆摊|支炉子|支摊|占道|路边|街边).*(烧烤|烤串|撸串)|(烧烤|烤串|撸串).*(露天|摆摊|支炉子|支摊|占道)", "露天烧烤摊"),
        // 那家烧烤, 门脸房有家卖羊肉串的: a shop, not a stall.
        W(Fumes, "烧烤店|烤串店|串店|串吧|烧烤馆|(?:那家|这家|一家|有家)(?:烧烤|烤串)|(?:门脸|门面|底商)[^。！？]{0,12}(?:羊肉串|肉串|烤串)", "烧烤店"),
        W(Fumes, "(?:韩国|韩式|日式|自助)烤肉|烤肉(?:馆|店)", "烤肉店"),
        W(Fumes, "烧烤摊|烤串摊|烧烤|烤串|撸串|烤肉", "烧烤摊"),
        W(Fumes, "(?:烤鸭|炸鸡(?:汉堡)?|汉堡|麻辣烫|包子|饺子|面|粥|早点|早餐|小吃|快餐|火锅|卤煮|炒菜|羊蝎子|烤鱼)(?:店|馆|铺)", "$0"),
        W(Fumes, "火锅店", "火锅店"),
        W(Fumes, "[川湘粤鲁]菜馆", "餐馆"),
        W(Fumes, "私房菜", "私房菜馆"),
        W(Fumes, "烤(?:白薯|红薯|地瓜)|糖炒栗子", "$0摊"),
        W(Fumes, "食堂", "食堂"),
        W(Fumes, "早点摊|卖早点|早点|早餐摊|炸油条|油条|油饼", "早点摊"),
        W(Fumes, "煎饼|小吃摊", "小吃摊"),
        W(Fumes, "饭店|饭馆|餐馆|餐厅|菜馆|馆子|小吃店|面馆|酒楼|快餐店|后厨|早餐店|包子铺|饺子馆|饭庄", "餐馆"),
        W(Building, "拆迁|拆除", "拆迁工地"),
        W(Building, "修路|挖路|管道施工", "道路施工"),
        W(Building, ".", "工地"),
        W(Traffic, "快递站|快递驿站|分拣站|分拣点", "快递站"),
        W(Traffic, "改装|摩托|炸街|飙车", "改装摩托车"),
        W(Traffic, "公交", "公交车"),
        W(Traffic, "垃圾车|清运", "垃圾清运车"),
        W(Traffic, "鸣笛|按喇叭|摁喇叭|喇叭", "车辆"),
        W(Traffic, "渣土车", "渣土车"),
        W(Traffic, "货车|卡车|拉货|大车", "货车"),
        W(Traffic, "公交", "公交车"),
        W(Traffic, "地铁|轻轨|列车|火车", "列车"),
        W(Traffic, ".", "车辆"),
        W(Social, "健身房|健身中心|舞蹈室|瑜伽馆|动感单车", "健身房"),
        W(Social, "快递站|快递驿站|快递点|分拣站|分拣点", "快递站"),
        W(Social, "(?:胡同游|观光车|讲解)[^。！？]{0,12}喇叭|喇叭[^。！？]{0,12}讲解", "胡同游三轮车"),
        W(Social, "(?:服装店|商铺|店铺|门店|商店|超市|店)(?:门口)?[^。！？]{0,6}(?:音箱|音响|喇叭)|(?:音箱|音响|喇叭)[^。！？]{0,8}(?:循环|清仓|甩卖|促销)", "商铺"),
        W(Social, "(喇叭|音响|音箱).{0,8}(音乐|放歌)|放音乐", "人"),
        W(Social, "广场舞|跳舞|健身操|跳操|秧歌|暴走|健身|锻炼", "人"),
        W(Social, "酒吧|夜店|KTV|歌厅", "$0"),
        W(Social, "棋牌室|麻将馆", "$0"),
        W(Social, "唱歌|唱戏|吊嗓子|K歌|乐器|萨克斯|二胡|吹号|唢呐|练琴|钢琴|弹琴|吉他|架子鼓|甩鞭|鞭子|陀螺", "人"),
        W(Social, "空调外机|外机", "空调外机"),
        W(Social, "发电机", "发电机"),
        W(Social, "冷却塔|压缩机|水泵", "$0"),
        W(Social, "排风机|风机|排风扇|排气扇", "排风设备"),
        W(Social, "喇叭|广告|促销|叫卖|扩音|招揽", "商户"),
        W(Social, "快递站|快递驿站|分拣站|分拣点", "快递站"),
        W(Social, "卸货|装卸|往下卸|卸车|冷藏车", "货车"),
        W(Social, "垃圾车|清运|垃圾站", "垃圾清运车"),
        W(Social, "装修|电钻|砸墙", "住户"),
        W(Social, "喧哗|喝酒|划拳|吵闹|大喊|吵架|聊天", "人"),
        W(Social, "狗叫|犬吠|狗", "住户"),
        W(Social, "楼上|邻居|隔壁", "邻居"),
        W(Dust, "^(?!.*(?:工地|施工|围挡)).*(?:裸地|裸土|裸露|空地|黄土)", "裸露地面"),
        W(Dust, "装修垃圾|建筑垃圾|碎砖|破瓷砖|装修.{0,8}渣土", "装修垃圾"),
        W(Dust, "清扫|扫地车|扫路|扫大街", "道路清扫车"),
        W(Dust, "渣土车|拉土|拉渣土", "渣土车"),
        W(Dust, "工地|施工|拆迁|拆除|围挡|土方", "工地"),
        W(Dust, "裸地|裸土|裸露|空地|黄土", "裸露地面"),
        W(Dust, "苫盖|土堆|沙堆|土方", "土方"),
        W(Coal, "浴池|澡堂|浴室", "浴池锅炉"),
        W(Coal, "锅炉", "锅炉"),
        W(Coal, "煎饼|早点|摊", "小摊"),
        W(Coal, "饭馆|饭店|餐馆", "餐馆"),
        W(Coal, "住户|人家|邻居|平房", "住户"),
        W(Coal, ".", "人"),
        W(Fireworks, ".", "人"),
        W(Water, "(排水口|排污口|排口|管子).{0,10}(污水|脏水|浑)", ""),
        // 卤煮店在后院洗大肠，水往下水道倒: the shop, named as the caller names it.
        W(Water, "(?:卤煮|火锅|烧烤|炸鸡|早点|包子|饺子|小吃|快餐|熟食)(?:店|馆|铺)(?=[\\s\\S]*" + PouredAway + ")", "$0"),
        W(Water, "(饭馆|饭店|餐馆|餐厅|小馆).*" + PouredAway, "餐馆"),
        W(Water, "(倒|倾倒|排|扔|丢).{0,6}(雨水|下水|河|湖|沟|箅子)|(雨水|下水|箅子|河|湖|沟).{0,4}(倒|倾倒|扔|丢)", "人"),
        W(Water, "(箅子|雨水口|下水|排水).{0,6}(堵|不通|封)|积水", ""),
        W(Water, "(商户|饭馆|饭店|店)[^。！？]{0,12}(污水|脏水)", "商户"),
        W(Water, "下水井|下水道|雨水井|雨水口|污水井|井盖", "下水井"),
        W(Water, "河沟|臭水沟|水沟|排水沟|坑塘|水坑", "河沟"),
        W(Water, "湖|前海|后海|西海|什刹海", "湖水"),
        W(Water, "河|护城河", "河水"),
        W(Charging, "飞线|私拉|拉电线|拉线|接线|插线板", "人"),
        W("汽修喷漆", "汽修|修车|钣金|4S店", "汽修店"),
        W("汽修喷漆", "(?:翻新|家具|印刷|广告|装裱)[^，。！？]{0,6}(?:作坊|厂|店|铺)", "$0"),
        W("汽修喷漆", "作坊|加工点|小厂", "作坊"),
        W("汽修喷漆", ".", "商户"),
        W("化学品异味", "美甲", "美甲店"),
        W("化学品异味", "作坊|加工|院落|院内", "作坊"),
        W("机动车冒黑烟", "大巴|旅游车|客车", "旅游大巴"),
        W("机动车冒黑烟", "货车|卡车|渣土车", "货车"),
    ];

    // What is wrong, in the hotline's plain words; first match of the category.
    private static readonly Wording[] Predicates =
    [
        // 它那个味儿不是烟，是油炸的哈喇味儿: the caller says it is no smoke.
        W(Fumes, "不是烟|没什么烟|没啥烟|没有烟|倒不是烟", "气味扰民"),
        // 黄油、奶油味道: a smell with no smoke said is no 烟.
        W(Fumes, "^(?![\\s\\S]*烟)[\\s\\S]*(?:" + NotCookingSmoke + ")", "气味扰民"),
        W(Fumes, NotCookingSmoke, "烟味扰民"),
        W(Fumes, "烧的是煤|烧煤|煤球|蜂窝煤|煤炉", "烧煤冒烟、烟味呛人"),
        // 用的是炭火: charcoal under a grill or a hotpot is no coal stove.
        W(Fumes, "烧炭|炭火|木炭|生炭|点炭", "炭火冒烟、烟味呛人"),
        W(Fumes, "(烟囱|烟筒)[^，。！？]{0,6}黑烟", "烟囱冒黑烟"),
        // 墙都熏黑了 is soot, not black smoke.
        W(Fumes, "冒黑烟|黑烟|烟[^，。！？]{0,2}(?:是黑|发黑|黑乎乎|黑色)", "冒黑烟"),
        W(Fumes, "(净化器|净化设备|净化设施).{0,6}(不清洗|没清洗|不洗|坏|不开|没开)", "油烟净化设施不清洗、油烟直排"),
        W(Fumes, "直排|没装净化|没有净化|未安装净化|未装净化", "油烟未经净化直排"),
        W(Fumes, "(排烟口|排风口|烟筒|烟囱|烟道|管子|排烟管|油烟机|排风扇).{0,8}(正对|对着|冲着|朝着|对准)", "排烟口正对住户、油烟扰民"),
        W(Fumes, "(排烟管|烟管|管子|烟道)[^。！？]{0,24}窗(户)?(边|口|旁)", "排烟管道通到住户窗边、油烟扰民"),
        W(Fumes, "呛|熏|咳嗽|嗓子", "油烟呛人"),
        W(Building, "(渣土车|运土|拉土)", "运土施工、渣土车往来噪声扰民"),
        W(Building, "货车|卡车|大车|运钢筋|运材料|拉材料|进场", "施工车辆进出、噪声扰民"),
        W(Building, "打桩", "打桩施工、噪声扰民"),
        W(Building, "切割|电锯", "切割作业、噪声扰民"),
        W(Building, "混凝土|泵车|打灰|浇筑", "浇筑混凝土、噪声扰民"),
        W(Building, "破碎|破路|风镐|电镐", "破碎作业、噪声扰民"),
        W(Building, "砸|咣|哐|扔钢筋|钢管", "敲击碰撞声扰民"),
        W(Building, "大灯|灯光|强光|探照灯|照明灯", "灯光照射住户"),
        W(Traffic, "分拣|扔包裹|卸包裹|卸货|装卸", "装卸货物噪声扰民"),
        W(Traffic, "改装|摩托|炸街|飙车", "轰油门飙车、噪声扰民"),
        W(Traffic, "垃圾车|清运", "清运作业噪声扰民"),
        W(Traffic, "鸣笛|按喇叭|摁喇叭|喇叭", "鸣笛扰民"),
        W(Traffic, "不平|坑|颠|哐当|咣当|井盖", "经过不平路面、颠簸噪声扰民"),
        W(Social, "分拣|扔包裹|卸包裹", "分拣装卸货物噪声扰民"),
        W(Social, "(?:胡同游|观光车|讲解)[^。！？]{0,12}喇叭|喇叭[^。！？]{0,12}讲解", "用喇叭循环讲解、噪声扰民"),
        W(Social, "(?:音箱|音响|喇叭)[^。！？]{0,8}(?:循环|清仓|甩卖|促销)", "外放音响循环播放、噪声扰民"),
        W(Social, "广场舞|跳舞", "跳广场舞、音响声音过大"),
        W(Social, "健身操|跳操|秧歌|暴走|健身|锻炼", "健身活动音响声音过大"),
        W(Social, "(喇叭|音响|音箱).{0,8}(音乐|放歌)|放音乐", "用音响放音乐、声音过大"),
        W(Social, "酒吧|夜店|KTV|ktv|歌厅", "音乐声音过大、噪声扰民"),
        W(Social, "唱歌|唱戏|吊嗓子|K歌|卡拉OK", "唱歌、声音扰民"),
        W(Social, "乐器|萨克斯|二胡|吹号|唢呐|练琴|钢琴|弹琴|吉他|架子鼓", "演奏乐器、声音扰民"),
        W(Social, "甩鞭|鞭子|抽陀螺|陀螺", "甩鞭抽陀螺、声音扰民"),
        W(Social, "拖椅子|拖凳子|拖桌子|拖家具|跺脚|脚步|跑跳|弹珠|高跟鞋", "走动、拖拽家具噪声扰民"),
        W(Social, "酒吧|夜店|KTV|ktv|卡拉OK|歌厅", "音乐声音过大、噪声扰民"),
        W(Social, "发电机[^。！？]{0,16}试机|试机[^。！？]{0,8}发电机", "定期试机时噪声大"),
        W(Social, "空调外机|外机|冷却塔|压缩机|水泵|排风机|风机|排风扇|排气扇|发电机", "运行噪声大"),
        W(Social, "喇叭|扩音", "用喇叭招揽生意、噪声扰民"),
        W(Social, "广告|促销|叫卖|招揽", "外放音响招揽生意、噪声扰民"),
        W(Social, "分拣|扔包裹|卸包裹|卸货|装卸|往下卸|卸车", "装卸货物噪声扰民"),
        W(Social, "垃圾车|清运|垃圾站", "清运作业噪声扰民"),
        W(Social, "装修|电钻|砸墙", "装修噪声扰民"),
        W(Social, "洗牌|麻将|棋牌", "打牌喧哗、噪声扰民"),
        W(Social, "喧哗|喝酒|划拳|吵闹|大喊|吵架|聊天", "大声喧哗扰民"),
        W(Social, "狗叫|犬吠|狗", "犬只吠叫扰民"),
        W(Dust, "偷倒|倾倒|乱倒|偷偷倒|卸倒", "被偷倒堆放、扬尘大"),
        W(Dust, "清扫|扫地车|扫路|扫大街", "作业扬尘大"),
        W(Dust, "围挡[^，。！？]{0,4}(破|坏|倒|缺|不全)", "围挡破损、扬尘大"),
        W(Dust, "((不|没|未|没见|没有)苫盖|没盖|不盖).*(撒|遗撒|掉土|洒落)|(撒|遗撒|掉土|洒落).*((不|没|未|没见|没有)苫盖|没盖|不盖)", "未苫盖、沿路遗撒"),
        W(Dust, "(不|没|未|没见|没有)苫盖|没盖|不盖", "未苫盖、扬尘大"),
        W(Dust, "带泥|轮胎|车轮|不冲洗|没冲洗", "带泥上路、扬尘大"),
        W(Dust, "撒|遗撒|掉土|洒落", "沿路遗撒、扬尘大"),
        W(Coal, "怀疑[^。！？]{0,10}(?:烧煤|燃料)", "冒烟有异味、疑似烧煤"),
        W(Coal, "黑烟", "冒黑烟、烟味大"),
        W(Coal, "柴火|烧柴|木柴|劈柴", "烧柴火、烟味大"),
        W(Coal, "取暖", "烧煤取暖、煤烟味大"),
        W(Coal, "煤球|煤炉|蜂窝煤", "使用燃煤炉具、烟味大"),
        W(Water, "混接|错接|接错", "雨污管道接错、污水外流"),
        W(Water, "冒了|漾出|溢出|冒水|返水|往外冒|冒出来", "冒水、污水外溢"),
        W(Water, "(排水口|排污口|排口|管子).{0,10}(污水|脏水|浑)", "有排水口流出污水"),
        W(Water, "污水横流|脏水横流|污水满地", "污水横流"),
        W(Water, "(箅子|雨水口|下水|排水).{0,6}(堵|不通|封)|积水", "雨水口堵塞、积水"),
        W(Water, "油.{0,6}((倒|倾倒).{0,6}(雨水|下水|箅子))|(雨水|下水|箅子).{0,6}(倒|倾倒).{0,6}油", "向雨水井倾倒油污"),
        // 洗大肠、洗下水 (offal) and then the water down the drain: what is done, said before where it goes.
        W(Water, "(?:洗|清洗|冲洗)(?:大肠|肠子|下水|内脏|肚)[\\s\\S]*(?:(?:倒|倾倒|排).{0,6}(?:雨水|下水道|下水井|箅子)|(?:雨水|下水道|下水井|箅子).{0,6}(?:倒|倾倒))", "在院内清洗内脏、污水倒入下水道"),
        W(Water, "(倒|倾倒|排).{0,6}(雨水|下水|箅子)|(雨水|下水|箅子).{0,6}(倒|倾倒)", "向雨水井倾倒污物"),
        W(Water, "(污水|脏水)[^，。！？]{0,6}(流|排|淌|倒)[^，。！？]{0,4}(路面|马路|地上|街上|路上)", "排放污水、流到路面"),
        W(Water, "(倒|倾倒|排|扔|丢).{0,6}(河|湖|沟)|(河|湖|沟).{0,4}(倒|倾倒|扔|丢)", "向河湖倾倒垃圾污物"),
        W(Charging, "充电桩[^，。！？]{0,6}(坏|故障|不能用|没人修|用不了)", "充电桩经常损坏、无人维修"),
        W("汽修喷漆", "^(?!.*(?:喷漆|烤漆)).*(?:刷漆|刷油漆|油漆|稀料|香蕉水|天那水)", "使用油漆稀料、气味刺鼻"),
        W("机动车冒黑烟", "黑烟[^。！？]{0,12}(?:怠速|不熄火|打着火)|(?:怠速|不熄火|打着火)[^。！？]{0,12}黑烟", "停车不熄火、怠速冒黑烟"),
        W("机动车冒黑烟", "怠速|不熄火|打着火|突突", "停车不熄火、长时间怠速"),
        W(Charging, "楼道|推进楼|进楼", "把电动车推进楼道私拉电线充电、存在火灾隐患"),
        W(Charging, "飞线|私拉|拉电线|扯电线|拉线|接线|插线板", "私拉电线给电动车充电、存在安全隐患"),
        W(Charging, "(占用|公共区域|停放).{0,10}充电|火灾隐患|安全隐患|着火", "违规停放电动车充电、存在火灾隐患"),
    ];

    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        [Fumes] = "油烟扰民",
        [Building] = "施工噪声扰民",
        [Traffic] = "通行噪声扰民",
        [Social] = "噪声扰民",
        [Dust] = "扬尘大",
        [Coal] = "烧散煤、烟味大",
        [Fireworks] = "燃放烟花爆竹",
        [Water] = "水体有异味",
        [Charging] = "电动车充电设施不足",
    };

    private static readonly Dictionary<string, (string, string)> OtherTopics = new(StringComparer.Ordinal)
    {
        ["汽修喷漆"] = ("汽修店", "喷漆、气味刺鼻"),
        ["文明祭祀"] = ("人", "焚烧纸钱"),
        ["露天焚烧"] = ("人", "露天焚烧树叶杂物、烟味呛人"),
        ["印刷异味"] = ("印刷店", "油墨胶水气味刺鼻"),
        ["干洗异味"] = ("干洗店", "化学品气味刺鼻"),
        ["化学品异味"] = ("商户", "使用化学药水、气味刺鼻"),
        ["加油站油气"] = ("加油站", "油气味大"),
        ["非法加油"] = ("流动加油车", "非法加油"),
        ["机动车冒黑烟"] = ("车辆", "冒黑烟"),
    };

    /// <summary>Common hotline matters outside the plan, in plain words. No unit is named: the plan gives none.</summary>
    private static readonly Wording[] DailyMatters =
    [
        W(ComplaintCategories.Other, "(楼上|顶上|屋顶|天花板|吊顶|卫生间)[^。！？]{0,12}(漏水|渗水|洇水|滴水)|(漏水|渗水|洇水)[^。！？]{0,12}(顶上|屋顶|天花板|吊顶|墙皮)", "楼上漏水、屋顶受损"),
        W(ComplaintCategories.Other, "^(?=[\\s\\S]*(?:垃圾楼|垃圾站|垃圾房|驿站|转运站|收集站)[^。！？]{0,24}(?:味|臭))(?=[\\s\\S]*(?:满|溢|冒出来))", "垃圾站异味大、垃圾满溢"),
        W(ComplaintCategories.Other, "(?:垃圾楼|垃圾站|垃圾房|驿站|转运站|收集站)[^。！？]{0,24}(?:味|臭)|(?:味|臭)[^。！？]{0,12}(?:垃圾楼|垃圾站|垃圾房|驿站|转运站|收集站)", "垃圾站异味大"),
        W(ComplaintCategories.Other, "路灯[^。！？]{0,10}(坏|不亮|灭|黑)", "路灯损坏不亮"),
        W(ComplaintCategories.Other, "地锁", "有人私装地锁占用车位"),
        W(ComplaintCategories.Other, "押金[^。！？]{0,12}(不退|没退|不给退|扣)|(不退|扣)[^。！？]{0,8}押金", "房东不退还租房押金"),
        W(ComplaintCategories.Other, "(公交|线路|车站|站点)[^。！？]{0,16}(取消|调整|改线|撤)", "公交线路调整、原站点取消"),
        W(ComplaintCategories.Other, "(狗|犬)[^。！？]{0,12}(叫|吠|不拴绳|粪便)", "邻居养犬扰民、不文明养犬"),
        W(ComplaintCategories.Other, "违建|私搭|乱建|私自搭建|违章建筑", "有人私搭乱建"),
        W(ComplaintCategories.Other, "楼道[^。！？]{0,8}(堆|放满|占)", "楼道内堆放杂物"),
        W(ComplaintCategories.Other, "暖气[^。！？]{0,6}(不热|不够热|温度低|冰凉)", "供暖温度不达标"),
        W(ComplaintCategories.Other, "井盖[^。！？]{0,6}(坏|松|丢|缺|翘|塌)", "井盖破损缺失"),
        W(ComplaintCategories.Other, "(树|树枝|树杈)[^。！？]{0,8}(倒|断|压着|挡着|砸)", "树木倒伏、枝杈需修剪"),
        W(ComplaintCategories.Other, "共享单车[^。！？]{0,8}(乱停|乱放|堆|堵)", "共享单车乱停乱放"),
    ];

    // ---- when -----------------------------------------------------------------------------------------------------

    /// <summary>
    /// The time in standard words before the predicate (每天晚上七八点到十点多), and what lasts until a time after it
    /// (、持续到凌晨两点); empty when the caller says no time.
    /// </summary>
    internal static (string When, string Tail) When(string text, Triage t)
    {
        // 七点到九点半 is a range; 跳到九点半, 营业至凌晨 say how long it lasts.
        // 往东一点, 小声一点: 一点 with no time of day is no clock.
        var clocks = Clock().Matches(text).Where(c => !ShouldBe().IsMatch(ClauseOf(text, c.Index))
            && !(c.Groups["p"].Length == 0 && c.Groups["h"].Value == "一" && !c.Groups["range"].Success)).ToList();
        var until = UntilClock().Matches(text).FirstOrDefault(u => !clocks.Any(c => c.Groups["range"].Success && u.Index >= c.Index && u.Index < c.Index + c.Length)) ?? Match.Empty;
        // 早上六点多才回家睡觉……五点不到大货车就来卸货: the hour of the clause that states the issue, over the caller's own day.
        var clock = clocks.Where(m => !until.Success || m.Index + m.Length <= until.Index || m.Index >= until.Index + until.Length)
            .OrderByDescending(m => IssueCount(ClauseOf(text, m.Index), t) > 0 ? 1 : 0).FirstOrDefault();
        // 自今年春节后重新开业起: a festival the trouble started after is no time it happens at.
        var festival = Festivals.FirstOrDefault(f => text.Contains(f, StringComparison.Ordinal)
            && !Regex.IsMatch(text, Regex.Escape(f) + "(?:后|以后|之后|以来|过后|一过)")
            // 跟过年放二踢脚一样: a festival in a simile says how it sounds, not when.
            && !Regex.IsMatch(text, "(?:跟|像|好像|好比)[^，。！？]{0,3}" + Regex.Escape(f) + "[^，。！？]{0,8}(?:一样|似的|那样|一般)"));
        // 过年那几天直至正月十五: the span of the holidays, said once in standard words.
        var festivalText = festival is null ? ""
            : SpringFestival().IsMatch(text) && LanternFestival().IsMatch(text) ? "春节至元宵节期间"
            : SpringFestival().IsMatch(text) && !festival.Contains("三十", StringComparison.Ordinal) && festival != "除夕" ? "春节期间"
            : festival;
        // 连续多日夜间施工: 日夜 inside 多日夜间 is no "day and night".
        var frequency = Frequencies.FirstOrDefault(f => text.Contains(f.Said, StringComparison.Ordinal) && InIssueClause(text, f.Said, t)
            && !(f.Said == "日夜" && text.Contains("日夜间", StringComparison.Ordinal)));
        // 去年冬天老周头闻那味儿头晕: a season of a past incident is no time the problem happens.
        var season = Seasons.FirstOrDefault(s => ComplaintReader.SaidOfTheProblem(text, s.Said)
            && !Regex.IsMatch(text, "(?:去年|前年|那年|上个|以前|往年)" + Regex.Escape(s.Said)));
        var clockPeriod = clock?.Groups["p"].Value ?? "";
        var period = clockPeriod.Length > 0 ? clockPeriod
            : frequency.Period ?? Periods.Select(p => (p.Said, p.Standard, At: text.IndexOf(p.Said, StringComparison.Ordinal)))
                .Where(p => p.At >= 0 && ComplaintReader.SaidOfTheProblem(text, p.Said) && (festival is null || !festival.Contains(p.Said, StringComparison.Ordinal)) && (!until.Success || p.At < until.Index || p.At >= until.Index + until.Length))
                // 白天施工扬尘……夜间还有施工噪音: the time of the clause that states the main issue.
                .OrderByDescending(p => IssueCount(ClauseOf(text, p.At), t)).ThenBy(p => p.Said == t.Time?.Surface ? 0 : 1).ThenBy(p => p.At)
                .Select(p => p.Standard).FirstOrDefault() ?? "";

        var tail = "";
        // 开到十点十一点: the hour right behind 到 is where it lasts to, not when it happens.
        var untilMore = "";
        if (until.Success && clock is not null && until.Index + until.Length == clock.Index && !clock.Groups["range"].Success)
        {
            untilMore = ClockBody(clock);
            clock = null;
        }

        // 从早上叫到晚上: all day long, said once.
        if (FromMorningToNight().IsMatch(text))
        {
            return ("从早到晚", "");
        }

        if (until.Success)
        {
            var untilPeriod = until.Groups["p"].Value;
            var hour = until.Groups["h"].Value;
            if (untilPeriod.Length == 0 && hour.Length > 0)
            {
                // 放到一两点 → 凌晨一两点; 晚上营业到十一点多 → 晚上十一点多, said once.
                // 从十一点一直到十二点, said of a noon rush: twelve is midnight only when the night is spoken of.
                untilPeriod = Noon().IsMatch(hour) && !NightSaid().IsMatch(text) ? "中午"
                    : SmallHour().IsMatch(hour) ? "凌晨" : clock is null ? period : "";
                period = clock is null && untilPeriod == period ? "" : period;
            }

            // 持续到 with no hour or period after it says nothing.
            tail = untilPeriod.Length + hour.Length == 0 ? "" : "、持续到" + untilPeriod + Hours(hour) + until.Groups["s"].Value + (untilMore.Length > 0 ? "、" + untilMore : "");
        }

        var clockText = clock is null ? "" : ClockBody(clock);
        // 晚上五点至九点, 傍晚五点多: a period said with the hour is taken as said.
        if (clockText.Length > 0 && clock!.Groups["p"].Length == 0 && period is "晚上" or "傍晚" && OneToFive().IsMatch(clock!.Groups["h"].Value))
        {
            // 晚上……都快一点了: past midnight.
            period = "凌晨";
        }

        if (clockText.Length > 0 && period.Length == 0 && SmallHour().IsMatch(clock!.Groups["h"].Value))
        {
            period = "凌晨";
        }

        var adverb = frequency.Adverb ? frequency.Standard : "";
        var head = frequency.Adverb ? "" : frequency.Standard ?? "";
        // 昼夜运行, 全天: already says when; no period after it (not 昼夜夜间).
        period = head is "昼夜" or "全天" && clockText.Length == 0 ? "" : period;
        // 下雨时 / 刮风时 say when it happens only where no time of day is said.
        var condition = season.Standard is { } c && (period.Length == 0 || !c.EndsWith('时')) ? c : "";
        var when = festivalText + condition + head + period + clockText + adverb;
        if (when.Length == 0 && tail.Length == 0 && t.Time is { IsNight: true })
        {
            when = "夜间";
        }

        return (when.Replace("每天每天", "每天", StringComparison.Ordinal), tail);
    }

    [GeneratedRegex("从(?:早上|早晨|一早|大早|清早|白天)[^。！？，]{0,6}到(?:晚上|天黑|夜里|半夜)")]
    private static partial Regex FromMorningToNight();

    private static string ClauseOf(string text, int at)
    {
        var from = at == 0 ? 0 : text.LastIndexOfAny(ClauseMarks, at - 1) + 1;
        var to = text.IndexOfAny(ClauseMarks, at);
        return text[from..(to < 0 ? text.Length : to)];
    }

    // 说好的十点以后不进场: the time things should keep to, not when the problem happens.
    [GeneratedRegex("说好|答应|承诺|规定|不让|不准|不许|不能|应该|只能|定个点|要求|诉求|希望|结束营业|前结束")]
    private static partial Regex ShouldBe();

    private static string Hours(string said) => said.Replace("时", "点", StringComparison.Ordinal);

    private static string ClockBody(Match clock)
    {
        var from = clock.Groups["h"].Value + "点" + clock.Groups["s"].Value;
        var range = clock.Groups["range"].Success ? "到" + clock.Groups["p2"].Value + clock.Groups["h2"].Value + "点" + clock.Groups["s2"].Value : "";
        var after = clock.Groups["after"].Success ? "以后" : clock.Groups["before"].Success ? "以前" : "";
        return (from + range).Replace("钟", "", StringComparison.Ordinal) + after;
    }

    private static int IssueCount(string clause, Triage t) => t.MainCues.Count(c => c.Length > 0 && clause.Contains(c, StringComparison.Ordinal));

    private static bool InIssueClause(string text, string word, Triage t)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        var from = at == 0 ? 0 : text.LastIndexOfAny(ClauseMarks, at - 1) + 1;
        var to = text.IndexOfAny(ClauseMarks, at);
        var clause = text[from..(to < 0 ? text.Length : to)];
        return Periods.Any(p => clause.Contains(p.Said, StringComparison.Ordinal)) || Clock().IsMatch(clause)
            || t.MainCues.Any(c => clause.Contains(c, StringComparison.Ordinal))
            || !t.MainCues.Any();
    }

    private static readonly char[] ClauseMarks = ['，', '。', '！', '？', '；', ',', '!', '?', ';'];

    private static readonly string[] Festivals = ["大年三十", "年三十", "除夕", "过年那几天", "过年期间", "正月十五", "元宵节", "十五晚上", "春节", "过年", "清明"];

    [GeneratedRegex("过年|春节|大年初")]
    private static partial Regex SpringFestival();

    [GeneratedRegex("正月十五|元宵")]
    private static partial Regex LanternFestival();

    private readonly record struct Phrase(string Said, string? Standard, string? Period = null, bool Adverb = false);

    private static readonly Phrase[] Frequencies =
    [
        new("每天晚上", "每天", "晚上"), new("天天晚上", "每天", "晚上"), new("每天夜里", "每天", "夜里"), new("每天半夜", "每天", "半夜"),
        new("每天凌晨", "每天", "凌晨"), new("每天早上", "每天", "早上"), new("每天中午", "每天", "中午"), new("一到晚上", "每天", "晚上"),
        new("每晚", "每天", "晚上"), new("每天", "每天"), new("天天", "每天"), new("每个周末", "周末"), new("周末", "周末"),
        new("周六周日", "周末"), new("双休日", "周末"), new("周五周六", "周五周六"),
        new("日夜", "昼夜"), new("昼夜", "昼夜"), new("白天黑夜", "昼夜"), new("全天不停", "全天"), new("全天", "全天"),
        new("经常", "经常", Adverb: true), new("总是", "经常", Adverb: true), new("老是", "经常", Adverb: true), new("三天两头", "经常", Adverb: true),
    ];

    private static readonly Phrase[] Seasons =
        [new("一到夏天", "每到夏天"), new("夏天", "夏天"), new("一到冬天", "每到冬天"), new("冬天", "冬天"), new("刮风天", "刮风时"), new("一刮风", "刮风时"), new("一下雨", "下雨时"), new("下雨天", "下雨时")];

    private readonly record struct PeriodWord(string Said, string Standard, bool Night);

    private static readonly PeriodWord[] Periods =
    [
        new("后半夜", "后半夜", true), new("大半夜", "半夜", true), new("半夜", "半夜", true), new("凌晨", "凌晨", true), new("深夜", "深夜", true),
        new("夜里", "夜里", true), new("天不亮", "凌晨", true), new("天还没亮", "凌晨", true), new("夜间", "夜间", true), new("晚上", "晚上", false),
        new("傍晚", "傍晚", false), new("擦黑", "傍晚", false), new("黄昏", "傍晚", false), new("大清早", "一大早", false), new("清早", "清晨", false),
        new("一大早", "一大早", false), new("大早上", "一大早", false), new("清晨", "清晨", false), new("早上", "早上", false),
        new("中午", "中午", false), new("下午", "下午", false), new("白天", "白天", false),
    ];

    // ---- the fallback: the caller's first clauses, cleaned -------------------------------------------------------

    private static string? Told(string text)
    {
        // A record's aside on the caller ((来电人姓赵), (实名：…)) is no part of what they reported.
        // ……哦不对不对，问题不在我们这边: what the caller takes back is not restated.
        var said = Retraction().Match(text) is { Success: true } back ? text[(back.Index + back.Length)..] : text;
        var clauses = RecordAside().Replace(said, "").Split(ClauseMarks, StringSplitOptions.RemoveEmptyEntries)
            .Where(c => !PersonalClause().IsMatch(c))
            .Select(c => c.Replace(PersonalData.DoorMask, "", StringComparison.Ordinal).Replace(PersonalData.PlateMask, "车辆", StringComparison.Ordinal))
            .Select(c => DirectionFiller().Replace(c, m => m.Index + m.Length < c.Length && c[m.Index + m.Length] == '有' ? "一带" : ""))
            .Select(c => AreaFiller().Replace(c, "一带"))
            .Select(c => Kin().Replace(Filler().Replace(c, ""), m => "您" + KinWord(m.Groups["k"].Value)))
            .Select(c => Demonstrative().Replace(Pronoun().Replace(c, m => SaidToCaller(c, m)), ""))
            .Select(c => c.Replace("您楼里", "您所住的楼里", StringComparison.Ordinal).Replace("老在", "经常在", StringComparison.Ordinal).Replace("老是", "经常", StringComparison.Ordinal))
            .Select(c => c.Trim('：', ':', '、', '“', '”'))
            .Select(c => SideTurn().Replace(c, ""))
            .Where(c => c.Length >= 3 && !NotTold().IsMatch(c) && !CallTalk().IsMatch(c))
            .ToList();
        if (clauses.Count == 0)
        {
            return null;
        }

        // What is wrong (漏水, 电梯又坏了, 堵死了), with the clause before it when that one sets the scene (一辆白色的SUV,
        // 长椿街的高楼) and the one after when it goes on about the trouble; else the caller's first two clauses.
        var at = clauses.FindIndex(c => Trouble().IsMatch(c));
        if (at < 0)
        {
            return string.Join("，", clauses.Take(2));
        }

        var from = at > 0 && Scene().IsMatch(clauses[at - 1]) ? at - 1 : at;
        var to = at + 1 < clauses.Count && Trouble().IsMatch(clauses[at + 1]) ? at + 1 : at;
        var told = string.Join("，", clauses.Skip(from).Take(to - from + 1));
        // A second trouble said further on (边上还有个井盖儿有点儿活动) joins when the sentence stays short.
        var more = clauses.Skip(to + 2).FirstOrDefault(c => Trouble().IsMatch(c));
        return more is not null && told.Length + more.Length < 60 ? $"{told}，{more}" : told;
    }

    [GeneratedRegex(@"(?:哦|噢|啊)?不对不对|(?:哦|噢)不对|我说错了|说错了")]
    private static partial Regex Retraction();

    /// <summary>How a clause turns to something else (此外, 另外, 还有): not part of what is restated.</summary>
    [GeneratedRegex(@"^(?:此外|另外|还有就是|还有|可是|但是|不过|可(?=[我您他她]))")]
    private static partial Regex SideTurn();

    [GeneratedRegex(@"[（(][^）)]{0,20}(?:来电人|您姓|实名|姓名|姓|电话|手机)[^）)]{0,20}[）)]")]
    private static partial Regex RecordAside();

    /// <summary>Words that say something is wrong, for a matter the categories do not describe.</summary>
    [GeneratedRegex(@"坏|漏|滴水|渗水|堵|不亮|不通|不热|不给|不退|不还|不走|拖欠|欠薪|占着|占用|堆|乱|脏|臭|味儿|味道|吵|叫唤|扰民|掉|裂|塌|隐患|停了|停在|没修|没人管|没人清|没人收|积水|涨|乱收费|故障|失灵|断了|冒水|满了|没电|没水|没暖气|温度|喂猫|野猫|老鼠|耗子|蟑螂|犬|狗|扑向|咬人|不拴绳|井盖|松动|占据|地锁|私装|私自安装|扣了|不退|押金|蚊子|违建|私搭")]
    private static partial Regex Trouble();

    /// <summary>A clause that sets the scene for the trouble: a place or the thing itself.</summary>
    [GeneratedRegex(@"^有|小区|楼|院|胡同|街|路|门口|公园|市场|社区|一辆|一家|一个|一只|一条")]
    private static partial Regex Scene();

    /// <summary>Talk about the call itself, not the matter: 跟你们说过两回了, 您那边能查着记录吧, 我是下斜街的, 我要举报一个….</summary>
    [GeneratedRegex(@"说过|记录|你们|回复|结案|举报一个|投诉一个|^您是|打了?(?:122|110|119|12345)|查着|查得着|有啥用|什么用|又是您|又是我|上回打过|上次打过|还是.{0,12}的事儿?$")]
    private static partial Regex CallTalk();

    /// <summary>
    /// 我 said back as 您: 我家 → 您家, 我们楼 → 您所住的, 我们小区 → 您所在; before a place's name (我们百万庄那片儿) it
    /// is dropped, since 您百万庄 is no Chinese.
    /// </summary>
    private static string SaidToCaller(string clause, Match m)
    {
        if (m.Value.EndsWith('家'))
        {
            return "您家";
        }

        if (OwnPlaceAfter(clause, m))
        {
            return clause[m.Index + m.Length] == '楼' && !clause[(m.Index + m.Length)..].StartsWith("楼道", StringComparison.Ordinal) ? "您所住的" : "您所在";
        }

        var rest = clause[(m.Index + m.Length)..];
        return m.Value.Length > 1 && rest.Length > 0 && (PlaceAhead().IsMatch(rest) || rest.StartsWith('这') || rest.StartsWith('那')) ? "" : "您";
    }

    /// <summary>Family said plainly: 我妈 → 您母亲, 我姥姥 → 您家老人.</summary>
    private static string KinWord(string kin) => kin switch
    {
        "妈" or "老妈" or "母亲" => "母亲",
        "爸" or "老爸" or "父亲" => "父亲",
        "老伴" or "媳妇" or "老婆" or "爱人" or "对象" => "爱人",
        "闺女" or "女儿" => "女儿",
        "儿子" => "儿子",
        "孩子" or "小孩" or "娃" => "孩子",
        _ => "家中老人",
    };

    [GeneratedRegex(@"(?:我|俺)(?:们家|家)?(?<k>老妈|老爸|妈|爸|母亲|父亲|老伴|媳妇|老婆|爱人|对象|闺女|女儿|儿子|孩子|小孩|娃|姥姥|姥爷|奶奶|爷爷|老人)")]
    private static partial Regex Kin();

    // A place's name right after 我们 (百万庄, 德外, 牛街…): ends in a place word within a few characters.
    [GeneratedRegex(@"^[一-鿿]{1,6}?(?:庄|街|路|胡同|巷|里|院|园|门|桥|坊|厂|营|口|寺|楼|小区|社区|大街|一带|那片|这片)")]
    private static partial Regex PlaceAhead();

    private static bool OwnPlaceAfter(string clause, Match pronoun) =>
        pronoun.Value.Length > 1 && OwnPlace().IsMatch(clause[(pronoun.Index + pronoun.Length)..]);

    [GeneratedRegex(@"实名|姓名|电话|手机|联系方式|身份证|邮箱|\[姓名\]|\[电话\]|\[身份证号\]|\[邮箱\]")]
    private static partial Regex PersonalClause();

    [GeneratedRegex("^(?:楼道|楼|小区|院|单元|胡同|社区)")]
    private static partial Regex OwnPlace();

    /// <summary>The text as a supervisor reads it: record prefixes, masks and requests gone, fillers dropped.</summary>
    private static string Clean(string text)
    {
        var s = RecordPrefix().Replace(text, "");
        s = Filler().Replace(s, "");
        return RecordPronoun().Replace(s, "您");
    }

    [GeneratedRegex(@"(?:^|(?<=[，。！？；,!?;]))(?:市民来电反映|来电人反映|来电人称|市民反映|诉求人反映|诉求人称|来电反映|市民来电|反映)[：:，,]?")]
    private static partial Regex RecordPrefix();

    [GeneratedRegex(@"(?:^|(?<=[，。！？,!?；;]))(?:喂你好|喂|你好|哎呀|哎|嗯|我跟您说|您听我说|跟您说|我跟你说啊?|你听我说|那什么|这么说吧|我说|我跟你们说|我想问问|我想问一下|我问一下|不知道找谁|我要反映一下|我要反映|我想反映一下|我想反映|我反映一下|反映一下|我要投诉|我想投诉|跟你们反映一下|跟你们反映)[，,！!？?]?|(?:啊|呀|嘛|呢|吧|哦)(?=[，。！？,!?；;]|$)")]
    private static partial Regex Filler();

    [GeneratedRegex(@"我们家|我家|俺家|咱家|我们|俺们|咱们|我|俺")]
    private static partial Regex Pronoun();

    // 其所在小区, 其居住小区: how the record speaks of the caller.
    [GeneratedRegex(@"来电人(?!称|反映|表示)|其(?=所在|居住|家|住|母亲|父亲|父母|孩子|爱人)")]
    private static partial Regex RecordPronoun();

    [GeneratedRegex(@"诉求|希望|请|要求|麻烦|能不能|管不管|咋办|怎么办|谁管|找谁|第.次|第.回|第.遍|打过|打了|又打|再打|打电话|反映过|投诉过|\[|不知道|想问|问问|是谁|为什么|吗|^您(?:家)?(?:不|就|也)?住(?!的|着)|^您居住|^您家住|^家住")]
    private static partial Regex NotTold();

    [GeneratedRegex(@"(?<home>我们家|我家|俺家|咱家|我们小区|我们楼|我们院|居住的小区|居住小区|所在小区)(?<rel>楼上|楼下|隔壁|对面|门口)?")]
    private static partial Regex OwnHome();

    /// <summary>The caller's home said to them: 您家, 您所在小区, 您所住的楼.</summary>
    private static string Home(string said, string relative) =>
        said.Contains("小区", StringComparison.Ordinal) ? "您所在小区" + relative
        : said.EndsWith('院') ? "您所住院内" + relative
        : (said.EndsWith('楼') ? "您所住的楼" : "您家") + (relative.Length > 0 ? relative : "附近");

    [GeneratedRegex(@"投诉|反映|举报|跳|带泥|扫|晚上|白天|时候|春节|清明|前后|一路|顺着|映一下|点多|着|搞|修|下雨|雨后|几天|进站|出站|最近|近期|这阵|挖路|冬季|夏季|冬天|夏天|结冰|路滑|遗撒|泥土|尘土|发现|上学|得走|送孩子|下班|上班|路过|途经|经过|穿过")]
    private static partial Regex NotAPlace();

    [GeneratedRegex(@"^(?:这|那)(?:个|家|条)?[^，。！？,!?；;的有是在片块边儿]{0,2}?(?:超市|商场|小区|胡同|工地|公园|饭馆|饭店|市场|路|街|楼)(?:后门|前门|门口|东门外|西门外|南门外|北门外|东门|西门|南门|北门|旁边|对面|楼下|后面|里)?")]
    private static partial Regex Continued();

    [GeneratedRegex(@"^(?<p>(?:公园|小区|胡同|市场|商场|广场)(?:东|西|南|北)?(?:门|口)?(?:外头|外边|外面|外|里头|里|旁边|对面|门口)?)")]
    private static partial Regex NextPlace();

    [GeneratedRegex(@"(?:这边|那边|这儿|那儿)$")]
    private static partial Regex EndsWithDirection();

    [GeneratedRegex(@"(这|那)条(路|马路|街|胡同)")]
    private static partial Regex ThisRoad();

    [GeneratedRegex(@"(?:这个|那个|这家|那家|这(?=超市|商场|小区|工地|饭馆|饭店|市场|楼))")]
    private static partial Regex Demonstrative();

    [GeneratedRegex(@"(?:这片儿|那片儿|这一片|那一片|这片|那片|这块儿|那块儿|这块|那块|这一带|那一带)")]
    private static partial Regex AreaFiller();

    // 长椿街那边儿胡同里: the 儿 goes with 那边.
    [GeneratedRegex(@"(?:这边儿?|那边儿?|这儿|那儿)")]
    private static partial Regex DirectionFiller();

    [GeneratedRegex(@"(?<p>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜)?(?<h>(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3}))(?:点|时)(?<s>多|半|钟)?(?<range>(?:一直)?(?:到|至)(?:次日|第二天)?(?<p2>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|半夜|深夜)?(?<h2>(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3}))(?:点|时)(?<s2>多|半|钟)?)?(?:(?<after>以后|之后|后)|(?<before>之前|以前|前|不到))?")]
    private static partial Regex Clock();

    // 营业到十一点多, 经营至凌晨两点, 持续到后半夜, 放到一两点: how long it lasts.
    [GeneratedRegex(@"(?<=[\u4e00-\u9fff])(?<![点时钟半多一每从])(?:到|至)(?=凌晨|早上|晚上|夜里|半夜|后半夜|深夜|[0-9一二两三四五六七八九十])(?<p>凌晨|早上|晚上|夜里|半夜|后半夜|深夜)?(?<h>(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:点|时))?(?<s>多|半)?")]
    private static partial Regex UntilClock();

    [GeneratedRegex(@"^(?:[0-5]|[一二两三四五]{1,2}|十二|12|零)(?:点|时)?$")]
    private static partial Regex SmallHour();

    [GeneratedRegex(@"^(?:十二|12)(?:点|时)$")]
    private static partial Regex Noon();

    [GeneratedRegex("夜|晚|凌晨|宿|天亮")]
    private static partial Regex NightSaid();

    [GeneratedRegex(@"^(?:[1-5]|[一二两三四五]{1,2})$")]
    private static partial Regex OneToFive();
}
