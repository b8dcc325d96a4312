using System.Text.RegularExpressions;

namespace Assistant.Index.Hotline;

/// <summary>
/// What else the caller says that a supervisor expects the reply to take up: that they called before, the side matters
/// they mention besides the main one, a worry for their health or their family's, and what they ask for. Read from
/// the normalised complaint by general patterns, never by whole sentences.
/// </summary>
public static partial class CallerConcerns
{
    /// <summary>
    /// The caller says this is not the first call: an ordinal with a call verb (第三次打, 第二次来电, 第四次反映), an earlier
    /// call (上两回说处理了, 之前反映过, 打过好几回), or saying it again (再说一遍, 又来了还是没人管). Not an ordinal of the
    /// nuisance itself (第三次施工) nor a count (一天三次).
    /// </summary>
    public static bool IsRepeat(string normalized) =>
        Repeat().Matches(normalized).Any(m => !ToSomeoneElse().IsMatch(ClauseUpTo(normalized, m.Index + m.Length))
            && !CalledSomeoneElse().IsMatch(normalized[(m.Index + m.Length)..]));

    /// <summary>我打过茶城物业的电话, 打过110: the call went to someone else, not to the hotline.</summary>
    /// 拨打热线及110 still calls the hotline: the hotline named first makes it a repeat.
    [GeneratedRegex("^(?![^，。！？,!?；;]{0,8}?(?:热线|12345|你们))[^，。！？,!?；;]{0,8}?(?:" + SomeoneElse + "|110|派出所|民警|警察)")]
    private static partial Regex CalledSomeoneElse();

    /// <summary>The clause up to a point: 我跟他说了好几回 names who was told before what was said.</summary>
    private static string ClauseUpTo(string text, int end)
    {
        var from = end == 0 ? 0 : text.LastIndexOfAny(['，', '。', '！', '？', '；', ',', '!', '?', ';'], Math.Max(0, end - 1)) + 1;
        return text[from..end];
    }

    /// <summary>An earlier word to the property company, the shop or the neighbourhood committee is no earlier call.</summary>
    [GeneratedRegex("(?:向|跟|和|给|找|对)(?:" + SomeoneElse + "|业主|单位|对方|他们|他|她|人家)")]
    private static partial Regex ToSomeoneElse();

    /// <summary>Whom a caller may have spoken or called before the hotline.</summary>
    private const string SomeoneElse = "物业|店方|店家|老板|商家|房东|社区|居委会|村委会|工地|施工方|邻居|摊主|司机";

    [GeneratedRegex(
        @"第[二两三四五六七八九十几\d]+(?:次|回|遍|趟)(?:打|来电|反映|投诉|举报|找|给你们打|拨打|来反映|说)" +
        @"|(?:反映|投诉|举报|打电话|来电|打)(?:了|过)?第[二两三四五六七八九十几\d]+(?:次|回|遍|趟)" +
        @"|(?:这是|这都|已经是|已是|都)(?:我|本周|这周|今天|这个月|本月)?第[二两三四五六七八九十几\d]+(?:次|回|遍|趟)了?(?:[！!。，]|$)" +
        @"|上(?:一|两|几|三)?(?:回|次)[^，。！？]{0,8}(?:说|打|反映|投诉|来电|处理|答应|回复|来人|来看)" +
        @"|(?:之前|以前|此前|前几天|上周|上个月|上礼拜|上星期|前天|昨天|大前天|前阵子|去年|早就|已经|[一两三四五六七八九十半几\d]+(?:个)?(?:天|周|星期|礼拜|月|年)(?:以)?前)[^，。！？]{0,6}(?:反映|投诉|打过|打了电话|打电话|说过|来电|举报)" +
        @"|已就(?:此事|此|这事|该问题|此问题)?(?:反映|投诉|来电|举报)" +
        @"|前(?:几|两|三)(?:次|回)[^，。！？]{0,6}(?:打|反映|投诉|来电|说)" +
        @"|再(?:跟你们|和你们|给你们)?说一(?:遍|次)|又给你们打|又打给你们|又来电话|再反映一次|再反映一遍|又打|再打一次|又来反映|又来电|再次(?:反映|来电|投诉|举报)|又一次(?:反映|投诉|打)" +
        @"|还是没人管|还是没有人管|还是没解决|还是没处理|一直没解决|一直没人管|也没人管过" +
        @"|(?:反映过|投诉过|举报过|来电过|打过电话)|(?:我|就|都|也|早)打过(?!了?(?:交道|招呼|架|针|官司))" +
        @"|(?:打过|打了|说过|说了|找过|找了|反映了|投诉了|举报了)(?:你们)?(?:好几|几|多|两|三|四|五|无数)(?:回|次|遍)|(?:打过|打了)(?:你们)?一(?:回|次|遍)" +
        @"|(?:多次|好几次|几次|屡次)(?:反映|投诉|来电|举报|打电话|拨打|打)" +
        @"|打(?:了)?(?:好)?几(?:回|次)了|(?:今年|这个月|这月|这周|都|已经|得)有?[两三四五六七八九十几]{1,2}(?:回|次)了|每(?:回|次)打完")]
    private static partial Regex Repeat();

    /// <summary>
    /// It is happening as the caller speaks (正在烧, 这会儿还冒着烟, 您赶紧派人来看看): a visit now finds it, so the reply says
    /// the handling unit is asked to come at once.
    /// </summary>
    public static bool HappeningNow(string normalized) => Now().IsMatch(normalized);

    [GeneratedRegex(@"正在(?:烧|冒|施工|干|放|倒|排|卸|挖|喷)|现在(?:正|还在|还|又)在|这会儿(?:正|还|又)|此时(?:正|仍)|(?:赶紧|马上|立刻|快)派人|赶紧来|快来人|正烧着|还烧着|冒着烟呢")]
    private static partial Regex Now();

    /// <summary>The caller has photos or video of it (我拍了视频了，你们要不要).</summary>
    public static bool OffersEvidence(string normalized) => Evidence().IsMatch(normalized);

    [GeneratedRegex(@"拍了(?:视频|照片|录像)|拍(?:下|到)了|(?:有|录了)(?:视频|录像|照片)|录了音|拍照(?:了|留证)|视频为证")]
    private static partial Regex Evidence();

    /// <summary>
    /// The caller says they are not against the business or the activity itself (我不是要他关门, 不要求取缔, 不反对人家锻炼):
    /// only the nuisance should stop.
    /// </summary>
    public static bool NotAgainstIt(string normalized) => NotAgainst().IsMatch(normalized);

    [GeneratedRegex(@"不要求取缔|不是要[^，。！？]{0,6}(?:关门|取缔|关了|不让)|不是非[^，。！？]{0,4}(?:关门|取缔)|(?:并)?不反对|不是跟[^，。！？]{0,6}过不去|不是不让[^，。！？]{0,6}(?:做买卖|干|开|经营)")]
    private static partial Regex NotAgainst();

    /// <summary>The caller asks for a check unannounced (查的时候别提前打招呼, 突击检查, 暗访): the business would stop for it.</summary>
    public static bool WantsUnannounced(string normalized) => Unannounced().IsMatch(normalized);

    [GeneratedRegex(@"(?:别|不要|甭|不能)(?:提前|事先|先)?(?:打招呼|通知|打电话|告诉)|突击(?:检查|查)|暗访|搞突击|晚上突击|不打招呼")]
    private static partial Regex Unannounced();

    /// <summary>The caller asks for a measurement (给量量, 测一测, 看超没超标): whether it is over the limit.</summary>
    public static bool WantsMeasured(string normalized) => Measured().IsMatch(normalized);

    [GeneratedRegex(@"量量|量一量|量一下|测测|测一测|测一下|检测一下|监测一下|看超没超|超没超标|超不超标|是否超标|有没有超标")]
    private static partial Regex Measured();

    /// <summary>The caller asks who is in charge (归谁管, 是环保还是市场监管, 这路灯到底归谁修).</summary>
    public static bool AsksWho(string normalized) => WhoQuestion().IsMatch(normalized);

    [GeneratedRegex(@"归谁管|归谁修|归谁|谁管|谁来管|归哪个|哪个部门管|哪个部门负责|找哪个部门|该找谁|得找谁|找谁啊|是[^，。！？]{1,6}还是[^，。！？]{1,8}(?:管|负责)|找[^，。！？]{1,6}还是找|归不归[^，。！？]{0,4}管|算谁的")]
    private static partial Regex WhoQuestion();

    /// <summary>The caller says they were passed from one office to another (转哪儿去了, 转来转去, 踢皮球).</summary>
    public static bool PassedAround(string normalized) => PassedOn().IsMatch(normalized);

    [GeneratedRegex(@"转哪儿?去了|转来转去|踢皮球|推来推去|来回推|转了一圈|转一圈|转了转了|互相推|说不归(?:他们|我们|咱们|这儿|这里)|(?:甭|别|不要)(?:再)?让我(?:再)?打|别再让我|来回跑|跑了?[两三四五几]个地方")]
    private static partial Regex PassedOn();

    /// <summary>The caller says nobody has come since the last call (到现在没人来看, 没动静).</summary>
    public static bool NothingDone(string normalized) => NoAction().IsMatch(normalized);

    [GeneratedRegex(@"(?:到现在|至今|结果|一直)[^，。！？]{0,4}没(?:动静|人来|人管|人看|人理|变化|下文)|没动静|石沉大海")]
    private static partial Regex NoAction();

    /// <summary>The side matters the caller mentions besides the main one, in plain words (at most two).</summary>
    public static IReadOnlyList<string> SideMatters(Triage t, string normalized, string restated = "")
    {
        var found = new List<string>();
        foreach (var also in t.AlsoConcerns)
        {
            // Only what the caller actually complains of: 撸串 in a noise complaint is no smoke complaint.
            if (AlsoWords.TryGetValue(also, out var word) && AlsoSigns.TryGetValue(also, out var sign) && sign.IsMatch(normalized) && !found.Contains(word))
            {
                found.Add(word);
            }
        }

        var noiseComplaint = t.Category is ComplaintCategories.SocialNoise or ComplaintCategories.ConstructionNoise or ComplaintCategories.TrafficNoise;
        // 臭得能把苍蝇都熏跑: how bad the smell is, said with flies in it, is no complaint about flies.
        var plain = Hyperbole().Replace(normalized, "");
        foreach (var (cue, word) in SideWords)
        {
            // What the restatement already says (焚烧树叶垃圾) is no side matter; nor is rowdiness in a noise complaint.
            if (cue.IsMatch(plain) && !cue.IsMatch(restated) && !found.Contains(word) && !(noiseComplaint && word == Rowdiness))
            {
                found.Add(word);
            }
        }

        return found.Take(2).ToList();
    }

    private static readonly Dictionary<string, string> AlsoWords = new(StringComparer.Ordinal)
    {
        [ComplaintCategories.CookingFumes] = "油烟",
        [ComplaintCategories.ConstructionNoise] = "施工噪声",
        [ComplaintCategories.TrafficNoise] = "车辆噪声",
        [ComplaintCategories.SocialNoise] = "噪声",
        [ComplaintCategories.Dust] = "扬尘",
        [ComplaintCategories.LooseCoal] = "烧煤烟味",
        [ComplaintCategories.Fireworks] = "燃放烟花爆竹",
        [ComplaintCategories.Water] = "水体异味",
    };

    private static readonly Dictionary<string, Regex> AlsoSigns = new(StringComparer.Ordinal)
    {
        [ComplaintCategories.CookingFumes] = new("油烟|烟|呛|熏"),
        [ComplaintCategories.ConstructionNoise] = new("噪|吵|声|响"),
        [ComplaintCategories.TrafficNoise] = new("噪|吵|声|响"),
        [ComplaintCategories.SocialNoise] = new("噪|吵|声|响|喧哗"),
        [ComplaintCategories.Dust] = new("尘|土|灰"),
        [ComplaintCategories.LooseCoal] = new("煤"),
        [ComplaintCategories.Fireworks] = new("烟花|鞭炮|放炮|礼花|爆竹"),
        // The smell of the main complaint coming up a drain is no second, water complaint: open water is named.
        [ComplaintCategories.Water] = new("(?:河|湖|水沟|臭沟|渠|海子)[^，。！？]{0,8}(?:臭|黑|味|脏)"),
    };

    /// <summary>
    /// The caller says an earlier answer or promise came to nothing (上两回说处理了屁用没有, 说好的夜间不施工呢).
    /// </summary>
    public static bool EarlierAnswerFailed(string normalized) => Failed().IsMatch(normalized);

    [GeneratedRegex(@"说会[^，。！？]{0,10}(?:也没|没有|还是|没)|说会[^。！？]{0,12}[，,][^。！？]{0,10}(?:没看见|没见着|没见到|一个[^。！？]{0,6}都没)|说好的|说好了|答应(?:过|了|好)|承诺|说(?:已经)?(?:处理|整改|约谈|解决)了|(?:处理|整改|约谈|解决)(?:完|过)?了[^，。！？]{0,6}(?:没用|屁用|还是|也没|没见|照样|照旧|又)|(?<!(?:耳塞|耳机|窗户?|关窗|窗帘|隔音棉|空调|净化器)[都也还]?)(?:没用|屁用没有|不管用|没效果|没有效果|没见效)" +
        @"|(?:小|好|消停|安生|安静|老实)了?(?:[两三几]|没两|没几)天|一点(?:儿)?没变|该怎么[^，。！？]{0,4}还怎么|不让进[^，。！？]{0,4}就走|说[^，。！？]{0,3}办结|回访[^，。！？]{0,12}(?:整改|处理)" +
        @"|好转[^，。！？]{0,4}天|恢复原状|又恢复|又出来了|这又出来|又开始了|管(?:了)?[两三几]天|停了[两三几]天" +
        @"|至今未见(?:变化|改善|好转|效果)|照样儿?|照旧|走了[^，。！？]{0,2}又|问题(?:仍)?未(?:能)?解决|(?:至今|还是|仍)未(?:拆|改|整改|解决|处理)|掏过[^，。！？]{0,4}(?:但|还)" +
        @"|说(?:已经)?(?:让|叫)[他她]?(?:处理|整改|改|停)了|(?:整改|处理|管)(?:了)?啥了|查(?:完|过)了[^。！？]{0,14}还是")]
    private static partial Regex Failed();

    private static readonly (Regex Cue, string Word)[] SideWords =
    [
        (new Regex("楼道灯"), "楼道灯损坏"),
        (new Regex("路灯"), "路灯不亮"),
        (new Regex("垃圾(?:桶|站|箱|房)?[^，。！？]{0,6}(?:没人清|不清运|没清运|没人收|满了|堆满|好几天不)"), "垃圾清运不及时"),
        (new Regex("停车[^，。！？]{0,3}(?:乱|难)|乱停|占道停车"), "停车秩序"),
        (new Regex("蚊子|蚊虫|苍蝇"), "蚊虫多"),
        (new Regex("烧东西|焚烧|烧垃圾|烧树叶"), "焚烧杂物"),
        (new Regex("冲洗路面|路面全是泥|满地泥"), "路面泥土"),
        (new Regex("占道经营"), "占道经营"),
        (new Regex("泔水[^，。！？]{0,8}(?:流|淌|漫|溢|路面)"), "泔水油污外流"),
        (new Regex("泔水桶|泔水[^，。！？]{0,4}(?:堆|放|摆)"), "泔水桶堆放"),
        (new Regex("喧哗|嚷嚷|划拳|摔瓶子|摔酒瓶|大声喊叫|吆五喝六"), Rowdiness),
        (new Regex("堵[^，。！？]{0,4}(?:门口|大门|通道|路口|胡同)"), "车辆堵路"),
    ];

    private const string Rowdiness = "人员喧哗";

    [GeneratedRegex("(?<=[臭吵呛熏脏脏响])得[^，。！？]{1,12}")]
    private static partial Regex Hyperbole();

    /// <summary>
    /// The danger the caller fears besides the nuisance (灯口滴水怕漏电, 井盖松动, 救护车进不来, 入秋风大怕着起来), in
    /// a word; null when none. A simile (呛得跟着火了似的) is no danger: similes are cut before this reads the text.
    /// </summary>
    public static string? Danger(string normalized)
    {
        // What a simile likens the nuisance to is blanked out, as the triage's cue matching does.
        var text = normalized.ToCharArray();
        foreach (var (from, to) in ComplaintTriage.SimileSpans(normalized))
        {
            Array.Fill(text, ' ', from, to - from);
        }

        var plain = new string(text);
        return Dangers.Where(d => d.Cue.IsMatch(plain)).Select(d => d.Word).FirstOrDefault();
    }

    private static readonly (Regex Cue, string Word)[] Dangers =
    [
        (new Regex("漏电|触电"), "漏电隐患"),
        (new Regex("煤气中毒|一氧化碳|中毒|中煤气"), "中毒隐患"),
        // 一直有辆大卡车打着火: an engine left running is no fire.
        (new Regex("着起来|(?<!打)着火|起火|失火|火灾|引燃|烧着|万一着了|要是着了|着了(?:怎么办|咋办)"), "火灾隐患"),
        (new Regex("井盖[^，。！？]{0,6}(?:松|翘|活动|晃|没盖|丢|坏)"), "井盖松动隐患"),
        (new Regex("救护车|消防车|消防通道"), "消防救护通道受阻的情况"),
        (new Regex("(?:摔|滑)(?:一跤|倒|着|伤|了)|绊(?:了)?一跤|绊倒|崴脚"), "摔伤隐患"),
        (new Regex("砸(?:着|到|伤)|掉下来|坍塌|塌了"), "坠落坍塌隐患"),
        (new Regex("安全隐患|危险|安全不安全|安不安全"), "安全隐患"),
    ];

    /// <summary>The caller says the property company would not help (找物业物业不管, 与物业协商未果).</summary>
    public static bool PropertyRefused(string normalized) => PropertyRefusal().IsMatch(normalized);

    [GeneratedRegex(@"物业[^，。！？]{0,6}(?:不管|不处理|不理|推|拒绝|未果|没用|也不管|没人)|(?:与|和|跟)物业[^，。！？]{0,4}(?:协商|沟通)[^，。！？]{0,2}(?:未果|无果|没用)")]
    private static partial Regex PropertyRefusal();

    /// <summary>
    /// One short phrase for a worry about health, sleep or a child's study, with whom it touches: "您和家人的休息和健康";
    /// null when the caller voices none.
    /// </summary>
    public static string? Worry(string normalized)
    {
        var aspects = new List<string>();
        if (Sleep().IsMatch(normalized))
        {
            aspects.Add("休息");
        }

        if (Health().IsMatch(normalized))
        {
            aspects.Add("健康");
        }

        if (Study().IsMatch(normalized))
        {
            aspects.Add("孩子学习");
        }

        if (aspects.Count == 0)
        {
            return null;
        }

        var who = Family().IsMatch(normalized) ? "您和家人" : "您";
        return aspects[0] == "孩子学习" ? $"{string.Join("和", aspects)}" : $"{who}的{string.Join("和", aspects.Take(2))}";
    }

    [GeneratedRegex("睡不着|没法睡|睡不好|失眠|吵醒|醒好几回|醒好几次|休息|睡觉")]
    private static partial Regex Sleep();

    [GeneratedRegex("咳嗽|嗓子(?:眼)?(?:儿)?(?:疼|痛|干|哑|发干|难受|不舒服)|喘不上|心脏|头疼|头晕|过敏|哮喘|身体|健康")]
    private static partial Regex Health();

    [GeneratedRegex("写作业|做作业|孩子[^，。！？]{0,6}(?:学习|作业)|考试|高考|中考|上网课")]
    private static partial Regex Study();

    [GeneratedRegex("老人|老太太|老爷子|老两口|我妈|我爸|老母亲|父母|孩子|家人|一家|老伴|老头|爱人|媳妇|孕妇")]
    private static partial Regex Family();

    /// <summary>
    /// What the caller asks for, when they ask for something specific (诉求：限制装修时间; 核实是否有夜间施工手续): the
    /// request in their terms, polite words and addressees left off; null for a bare "请处理".
    /// </summary>
    /// <param name="visitSaid">The reply already asks for a visit (it is happening now): a visit asked is not said again.</param>
    public static string? Request(string normalized, string? category = null, bool visitSaid = false)
    {
        // The record's own slot first (诉求：/要求：). An operator's summary states asks in standard words, so they are
        // said back; a caller's speech (挪远点儿, 别那么早, 把许可拿出来给我看看) twists when cut and echoed, so what it
        // asks is said in the hotline's standard words instead.
        var spoken = !RecordRegister().IsMatch(normalized);
        foreach (var pattern in spoken ? [RequestText()] : new[] { RequestText(), SpokenRequest(), SpokenAsk() })
        {
            foreach (Match m in pattern.Matches(normalized))
            {
                // 诉求：一、请相关部门尽快组织清运；二、…: the first point, its number left off.
                var ask = RequestLeadIn().Replace(Enumerator().Replace(m.Groups["r"].Value, ""), "").Trim('，', '。', '、');
                // 别光打电话问他，派人去现场看看: what not to do is said before what to do; the reply takes up the latter.
                if (Negative().IsMatch(ask) && FollowingClause().Match(normalized, m.Index + m.Length) is { Success: true } then)
                {
                    ask = then.Groups["r"].Value;
                }

                // …，以便向居民解释: why the caller asks is not what they ask.
                ask = Purpose().Replace(ask, "");
                var whole = ask;
                // 核查烤炉是否符合要求；排烟是否经过净化 / …；次要诉求：…: points set apart by a semicolon are taken up by the first.
                ask = ask.IndexOfAny(['；', ';']) is >= 4 and var point ? ask[..point] : ask;
                // 占道经营、使用液化气罐是否合规: a question is not cut inside what it asks.
                ask = ask.Length > MaxRequest && !ask.Contains("是否", StringComparison.Ordinal) && ask.IndexOfAny(['、', '，']) is >= 4 and var cut ? ask[..cut] : ask;
                // 核查…是否合规，并将处理结果告知物业: a long question is taken up to the end of the clause that asks it.
                ask = ask.Length > MaxRequest && ask.IndexOf("是否", StringComparison.Ordinal) is >= 0 and var whether
                    && ask.IndexOf('，', whether) is > 0 and var end ? ask[..end] : ask;
                // 夜间实地检测噪音，对超标酒吧依法处罚，晚11点后禁止外放音乐: the points cut off are said in standard words.
                var more = ask.Length < whole.Length && whole.StartsWith(ask, StringComparison.Ordinal)
                    ? FoundAsks(whole[ask.Length..], category).Where(a => !a.Cue.IsMatch(ask)).Select(a => a.Text).FirstOrDefault()
                    : null;
                // 你们让人晚上来听听: someone is sent; 弄个过滤的什么的: the vague tail is left off.
                ask = ask.StartsWith('人') ? "派" + ask : ask;
                ask = Vague().Replace(Particles().Replace(ask, ""), "");
                ask = Particles().Replace(ask, "").TrimStart('：', ':', '于').Replace("那种", "", StringComparison.Ordinal).Replace("那个", "", StringComparison.Ordinal);
                ask = ask.Replace("我们", "您", StringComparison.Ordinal).Replace("我", "您", StringComparison.Ordinal);
                // 将处理结果告知市民: the record's 市民/来电人 is the caller, spoken to as 您.
                ask = ToTheCaller().Replace(ask, "$1您");
                // 如无手续请立即制止: said back as what is hoped for, without the record's 请.
                ask = InnerPlease().Replace(ask, "$1");
                // 让他把管子挪挪: said back, 他 has nobody to refer to; the other party is 对方.
                ask = OtherParty().Replace(ask, "对方");
                // 督促其整改: the record's 其 is the other party, said so to the caller.
                ask = RecordOther().Replace(ask, "对方");
                // 并有关部门跟进督办: which department is for the handling to say, not the caller's request.
                ask = ask.Replace("并有关部门", "并", StringComparison.Ordinal).Replace("并相关部门", "并", StringComparison.Ordinal);
                // 予以取缔: a harsh record word is said back as the ask it stands for.
                if (Harsh().IsMatch(ask))
                {
                    return Said(StandardAsks(normalized, category, visitSaid));
                }
                // The record's own words (属地, 承办, 工单) are never said back to the caller.
                if (ask.Length is >= 4 and <= MaxRequest && !GenericAsk().IsMatch(ask) && !NotARequest().IsMatch(ask)
                    && !DraftRubric.RecordWords.Concat(DraftRubric.Jargon).Any(w => ask.Contains(w, StringComparison.Ordinal))
                    && !ask.Contains('[', StringComparison.Ordinal) && !ask.Contains('“', StringComparison.Ordinal) && !ask.Contains('”', StringComparison.Ordinal)
                && !ask.Contains('…', StringComparison.Ordinal))
                {
                    // 核实并制止焚烧，并告知归谁监管: a clause that starts with 并 keeps its comma.
                    ask = ask.Replace('，', '、').Replace("、并", "，并", StringComparison.Ordinal);
                    return more is null || (visitSaid && more == Visit) ? ask : $"{ask}，并{more}";
                }
            }
        }

        return spoken ? Said(StandardAsks(normalized, category, visitSaid)) : null;
    }

    private static string? Said(IReadOnlyList<string> asks) => asks.Count > 0 ? string.Join("、", asks) : null;

    /// <summary>
    /// What a caller asks for, in the hotline's standard words and in the order said (at most two): read from the
    /// sentences that ask (能不能…, 希望…, 今天晚上就得停) by what they ask — a permit checked, the nuisance stopped, the
    /// thing moved or fitted with a purifier, the volume or the hours kept, a visit, a measurement, a written answer.
    /// </summary>
    public static IReadOnlyList<string> StandardAsks(string normalized, string? category = null, bool visitSaid = false)
    {
        var asking = new System.Text.StringBuilder();
        foreach (Match m in AskingSentence().Matches(normalized))
        {
            // 我不是要他关门: what the caller does not want is no ask.
            asking.Append(NotAgainst().Replace(m.Value, "")).Append('。');
        }

        var found = FoundAsks(asking.ToString(), category);

        // 挪屋里去 says where to, 把管子挪挪 which part: the narrower ask stands for the broader one.
        var over = found.SelectMany(f => f.Over).ToHashSet(StringComparer.Ordinal);
        if (visitSaid)
        {
            over.Add(Visit);
        }

        var asks = found.Where(f => !over.Contains(f.Text)).OrderBy(f => f.At).Take(2).Select(f => f.Text).ToList();
        // 督促对方降低音量、督促对方调整活动时间: one 督促对方 for both.
        if (asks.Count == 2 && asks[0].StartsWith(Urge, StringComparison.Ordinal) && asks[1].StartsWith(Urge, StringComparison.Ordinal))
        {
            asks[1] = asks[1][Urge.Length..];
        }

        return asks;
    }

    /// <summary>Each kind of ask the text makes, with where it is said, its standard words and the asks it stands for.</summary>
    private static List<(int At, string Text, string[] Over, Regex Cue)> FoundAsks(string said, string? category)
    {
        var found = new List<(int At, string Text, string[] Over, Regex Cue)>();
        foreach (var ask in Asks)
        {
            if (ask.Cue.Match(said) is { Success: true } hit && ask.Text(category ?? "", said) is var phrase && !found.Any(f => f.Text == phrase))
            {
                found.Add((hit.Index, phrase, ask.Over, ask.Cue));
            }
        }

        return found;
    }

    private const string Urge = "督促对方";
    private const string Visit = "派人到现场核查";
    private const string Move = Urge + "调整位置";
    private const string Purifier = Urge + "整改排烟设施";

    /// <summary>A kind of ask: its cue, its words (by category and what was said), and the broader asks it stands for.</summary>
    private sealed record Ask(Regex Cue, Func<string, string, string> Text, params string[] Over);

    /// <summary>Whose hours are meant: a shop's opening hours, a group's activity, a site's or a van's work.</summary>
    private static string Hours(string category, string said) =>
        category == ComplaintCategories.ConstructionNoise ? "按规定时间施工"
        : WorkHours().IsMatch(said) ? "调整作业时间"
        : category == ComplaintCategories.CookingFumes || TradeHours().IsMatch(said) ? "调整经营时间"
        : category == ComplaintCategories.SocialNoise ? "调整活动时间"
        : "调整作业时间";

    [GeneratedRegex("卸货|装卸|卸车|分拣|清运|施工|作业|干活|装修")]
    private static partial Regex WorkHours();

    [GeneratedRegex("营业|开门|关门|经营|酒吧|饭馆|餐馆|店")]
    private static partial Regex TradeHours();

    private static readonly Ask[] Asks =
    [
        new(new Regex("许可|手续|执照|营业证|审批|批文|批准"), (c, said) => c == ComplaintCategories.ConstructionNoise ? "核实对方的施工手续" : "核实对方的相关手续"),
        new(new Regex("(?:别|不要|不能|不让|不准|不得|甭)[^，。！？]{0,4}(?:在外头|在外面|在外边|在门口|在路边|在街上|室外|露天|外头|外边)|(?:挪|搬|移|弄)(?:到|进|回)?(?:室内|屋里|店里|屋)|进屋"),
            (c, said) => Urge + "不在室外经营", Move),
        new(new Regex("(?:管子|烟道|排烟口|排风口|排风扇|排气扇|烟筒|烟囱)[^，。！？]{0,6}(?:挪|移|改|换|调|转|别对着|朝)|(?:挪|移|改|调)[^，。！？]{0,4}(?:管子|烟道|排烟口|排风口|排风扇)"), (c, said) => Urge + "调整排烟口位置", Move, Purifier),
        new(new Regex("净化|过滤|烟道|排烟|烟筒|烟囱|油烟机|抽油烟"), (c, said) => Purifier),
        // 加个罩子往上排 over a grill is a hood for the smoke; over a fan, a cover against the noise.
        new(new Regex("隔音|降噪|减震|减振|消音|消声|垫子|减震垫|罩子|隔音罩"),
            (c, said) => c == ComplaintCategories.CookingFumes && !NoiseMeasure().IsMatch(said) ? Purifier : "督促对方采取降噪措施"),
        new(new Regex("挪|搬走|搬开|移走|移开|换个地方|换地方|远点|撤走|拆走"), (c, said) => Move),
        new(new Regex("小点声|小点儿声|小声|声音小|声儿小|声小点|关小|调小|音量|别放|别吵|别唱|别喊|安静"), (c, said) => "督促对方降低音量"),
        new(new Regex("(?:[0-9一二两三四五六七八九十几]{1,2})点(?:以后|之后|后|前|以前|之前)|别那么早|别那么晚|早点(?:收|结束|停|关)|(?:晚上|夜里|半夜|夜间|周末)(?:别|不要|不能|不许|不让)|按(?:规定)?时间|错峰|作息"),
            (c, said) => Urge + Hours(c, said)),
        new(new Regex("停工|停下|停了|(?:就得|必须|赶紧|马上|立刻)停|别干|不让[^，。！？]{0,4}干|制止|取缔|管住|别再|不要再"),
            (c, said) => c == ComplaintCategories.ConstructionNoise ? "制止违规施工" : "制止扰民行为"),
        new(new Regex("测|量量|量一量|量一下|超没超|超标"), (c, said) => "现场监测是否超标"),
        new(new Regex("冲洗|清洗|除臭|消毒|消杀"), (c, said) => "督促相关单位做好清洗除臭"),
        new(new Regex("清运|清走|拉走|清理|打扫|清掉"), (c, said) => "尽快清理"),
        new(new Regex("改造|修一修|修好|修修|维修|翻修"), (c, said) => "督促相关单位整改"),
        new(new Regex("查一查|查查|查一下|查看|来看看|去看看|来一趟|派个?人|找人(?:去|来)|过来看|现场|核查|核实|检查|来人|来听|来闻|上门|实地"), (c, said) => Visit),
        new(new Regex("书面"), (c, said) => "给予书面答复"),
        new(new Regex("给个说法|给个答复|给个交代|准话|回个话|到底管不管|能不能管|要(?:个)?结果"), (c, said) => "得到明确答复"),
        // 有结果了打我这个电话, 别打我妈那儿: the result goes to the caller, not to the parent they speak for.
        new(new Regex("打我(?:这个)?(?:电话|手机)|打给我|联系我|给我回(?:个)?电话|回电话给我"), (c, said) => "有结果后直接联系您本人"),
    ];

    [GeneratedRegex("隔音|降噪|减震|减振|消音|消声|噪")]
    private static partial Regex NoiseMeasure();

    [GeneratedRegex("取缔|予以|吊销|严惩|严肃处理|严厉打击")]
    private static partial Regex Harsh();

    [GeneratedRegex("其(?!他|中|实|余|次|间|后|它)")]
    private static partial Regex RecordOther();

    /// <summary>A sentence in which the caller asks for something, from the asking word to the sentence's end.</summary>
    [GeneratedRegex(@"(?:诉求[：:]|希望|要求|请求|盼着|我就要|我要(?=结果|个结果|个说法|书面|答复)|就要个|有结果(?:了)?打我|就想知道|到底管不管|能不能管|就想让|想让|能不能|能否|可不可以|是不是得|是不是该|是不是应该|麻烦|你们给|您给|你们帮|您帮|你们让|您让|你们得|(?:你|你们|您)把|就得|必须|赶紧|得让|让他|让他们|叫他|给他|必须得|(?:你|你们|您)跟(?:他|她)们?说说)[^。！？?!]*")]
    private static partial Regex AskingSentence();

    /// <summary>An operator's summary, which states asks in standard words (市民来电反映, 来电人要求, 诉求).</summary>
    [GeneratedRegex("市民来电|来电人|诉求人|市民反映|诉求[：:]|来电反映")]
    private static partial Regex RecordRegister();

    /// <summary>
    /// The caller asks whether something is allowed or permitted (不是说二环里不让放吗？有没有夜间施工的手续？): the reply
    /// says the handling unit will check and answer it.
    /// </summary>
    public static bool AsksAboutRules(string normalized) => RulesQuestion().IsMatch(normalized);

    /// <summary>
    /// The caller's question about the rules in their own words, when it is short enough to say back
    /// (居民楼底下能开这种馆子吗 → 居民楼底下能开这种馆子吗); null when it is not one clean clause.
    /// </summary>
    public static string? RulesQuestionAsked(string normalized)
    {
        var m = RulesQuestion().Match(normalized);
        if (!m.Success)
        {
            return null;
        }

        var from = m.Index == 0 ? 0 : normalized.LastIndexOfAny(['，', '。', '！', '？', '；', ',', '!', '?', ';', '：', ':'], m.Index - 1) + 1;
        var to = normalized.IndexOfAny(['，', '。', '！', '？', '；', ',', '!', '?', ';'], m.Index);
        var clause = AskLeadIn().Replace(normalized[from..(to < 0 ? normalized.Length : to)], "");
        clause = OtherParty().Replace(clause.Replace("我们", "您", StringComparison.Ordinal).Replace("我", "您", StringComparison.Ordinal), "对方");
        clause = TrailingParticle().Replace(clause.TrimEnd('？', '?'), "");
        return clause.Length is >= 8 and <= 24 && !clause.Contains('…', StringComparison.Ordinal) && !NotAQuestionOfRules().IsMatch(clause)
            && !DraftRubric.RecordWords.Concat(DraftRubric.Jargon).Any(w => clause.Contains(w, StringComparison.Ordinal))
            ? clause.TrimEnd('？', '?') + "？"
            : null;
    }

    [GeneratedRegex(@"[啊呀哈]+$")]
    private static partial Regex TrailingParticle();

    [GeneratedRegex(@"(告知|答复|反馈)(?:市民|来电人)")]
    private static partial Regex ToTheCaller();

    [GeneratedRegex(@"^(?:那|就是|我就想问问|就想问问|我想问问|我想问|想问问|想问一下|问问|问一下|请问|我们|我就|我|您说|你说|到底|那到底)+")]
    private static partial Regex AskLeadIn();

    /// <summary>A record's request (请核查…是否…, 并核实…) or a plea to the hotline (你们能不能管管) is no question of rules.</summary>
    [GeneratedRegex(@"^(?:请|并|核查|核实|督促|要求|查)|你们|管管|看看|这个后|干这个")]
    private static partial Regex NotAQuestionOfRules();

    [GeneratedRegex(@"(?:不是说|有没有|是不是|能不能|可不可以|让不让|准不准|允许|凭什么)[^。！？?]{0,14}(?:不让|不准|禁止|规定|手续|许可|证|允许|批准)[^。！？?]{0,10}[吗么呢]?[？?]|(?:让不让|准不准|许不许)(?:开|弄|搞|建|设|摆|干|烤|放|烧|经营)[^。！？?，]{0,4}[？?]|(?:不让|不准|禁止)[^。！？?]{0,8}吗[？?]?|(?:允许|合法|合规|违规|违法)[^。！？?]{0,3}吗[？?]?|是不是(?:合规|合法|违规|违法|允许)[的吗呢啊]*[？?]|(?:能|可以|让|准)(?:开|弄|搞|建|设|摆|干)[^。！？?，]{0,12}[吗么][？?]?|合适吗|这能行吗|这样能行吗|这也行吗|合不合规|合规不合规|合法不合法|符不符合|是否(?:合规|合法|符合|允许|办理)|有无(?:限值|标准|许可)|能否[^。！？?，]{0,8}(?:开|设|经营|加工)")]
    private static partial Regex RulesQuestion();

    /// <summary>The longest request said back (about a line): a whole record request of two or three points fits.</summary>
    private const int MaxRequest = 34;

    [GeneratedRegex(@"([，、并])请(?!求)|(?<=无\p{IsCJKUnifiedIdeographs}{1,4})请(?!求)")]
    private static partial Regex InnerPlease();

    [GeneratedRegex(@"(?:什么的|之类的|啥的)(?=[啊吧呀呢嘛]*$)")]
    private static partial Regex Vague();

    [GeneratedRegex(@"[，,]?(?:以便|以免|好让|便于)[^，。]*$")]
    private static partial Regex Purpose();

    [GeneratedRegex(@"^(?:别|不要|甭|别再|不能光|别光)")]
    private static partial Regex Negative();

    [GeneratedRegex(@"\G[，,](?:而是|还是|最好|赶紧|直接)?(?:你们|您)?(?<r>[^，。！？?!；]{4,20})")]
    private static partial Regex FollowingClause();

    [GeneratedRegex(@"^\s*(?:[一二三四五六七八九十]|\d{1,2})[、.．)）]")]
    private static partial Regex Enumerator();

    [GeneratedRegex(@"(?<!其)(?:他们|她们|他|她|人家)")]
    private static partial Regex OtherParty();

    [GeneratedRegex(@"(?:诉求|要求)[：:](?<r>[^。！？]+)")]
    private static partial Regex RequestText();

    [GeneratedRegex(@"(?:(?<![合按照的])要求|希望|请求|盼着|就想让|想让)(?:让|请|叫)?(?<r>[^，。！？?!；、：:][^，。！？?!；]{2,23})")]
    private static partial Regex SpokenRequest();

    [GeneratedRegex(@"(?:(?<!知道|不晓得|不清楚)(?:能不能|能否|可不可以|可否)|麻烦(?:你们|您)?|(?:^|[，。！？])请(?!求|假|客|教|[一两半几]天)|(?:^|[，。！？])(?:你们|您)(?:给|帮|让)(?:我们|我)?)(?:让|请|叫|给|帮)?(?<r>[^，。！？?!；]{3,24})")]
    private static partial Regex SpokenAsk();

    [GeneratedRegex(@"^(?:主要(?:诉求)?是?[：:]?)?(?:请求|请|希望|要求|麻烦)?(?:相关部门|有关部门|有关单位|相关单位|职能部门|属地街道|属地|你们|您|\p{IsCJKUnifiedIdeographs}{2,8}?部门(?:上门)?(?=于|在|到|尽快|及时|加强|督促|对|核|查|检|依法|夜间|现场))?(?:这回|这次)?(?:给我|帮我|给)?(?:赶紧|尽快|及时)?")]
    private static partial Regex RequestLeadIn();

    [GeneratedRegex(@"(?:啊|吧|呀|呢|嘛|哈|行吗|好吗|成吗|不行吗|行不行)+$")]
    private static partial Regex Particles();

    [GeneratedRegex(@"^(?:核查处理|处理|查处|请处理|加强管理|整改|请整改|解决|尽快处理|核实处理|降噪|治理|督办|处理一下)$|^.{0,4}(?:管一管|管管|看看|督办督办)$|^转给")]
    private static partial Regex GenericAsk();

    /// <summary>What follows 想/请/麻烦 without being a request: a question, a call, a courtesy.</summary>
    [GeneratedRegex(@"^(?:问|说|打电话|反映|投诉|举报|登个记|老麻烦|注意|知道|了解|记|量量|量一|测|打这)")]
    private static partial Regex NotARequest();
}
