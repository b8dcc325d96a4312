using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Answers;

/// <summary>
/// Reads a question: finds units, streets, periods and references by dictionary, picks the intent from cue words,
/// and leaves the remaining words as the topic to search for. Deterministic; no model.
/// </summary>
/// <param name="planYears">Years the plan's own text names (2020, 2023, 2025): questions quoting them are in scope.</param>
/// <param name="calendar">Reads periods relative to today ("本季度", "下个月"); without it they are not periods.</param>
public sealed partial class QuestionReader(Gazetteer gazetteer, IReadOnlySet<string> planYears, Understanding.PlanCalendar? calendar = null)
{
    private static readonly string[] CoCues =
        ["协办", "配合", "协助", "协同", "参与单位", "辅助", "协作", "配合单位", "打下手", "还有谁", "还有哪些单位", "其他单位", "单位参与", "部门参与", "谁参与", "谁帮着", "帮着弄", "帮着管", "帮着盯"];

    private static readonly string[] LeadCues =
    [
        "牵头", "主责", "负责", "归谁", "谁管", "归哪", "哪个部门", "哪个单位", "哪些部门", "哪些单位", "什么部门", "什么单位",
        "哪家", "谁来", "谁负责", "主管", "管理部门", "责任单位", "找谁", "由谁", "哪个局", "哪个委", "谁抓", "谁的事", "谁管理",
        "管不管", "哪个机关", "责任部门", "主办", "归口", "谁", "管还是", "负责还是", "归不归", "管吗", "负责吗",
        "的事吗", "哪个口", "哪个科室", "挑头", "牵的头", "领头", "带头",
    ];

    private static readonly string[] DeadlineCues =
    [
        "什么时候", "何时", "截止", "期限", "时限", "多久", "哪天", "几月", "完成时间", "时间节点", "到什么时候", "啥时候", "啥时",
        "哪一天", "多长时间", "几号", "时间表", "时间要求", "最晚", "哪个月", "何日", "DEADLINE", "什么时间", "啥时间", "几时",
        "哪段时间", "多会儿", "时间是", "开始执行", "从何时", "几个月", "哪个时间段", "什么时段", "截至", "期限是",
        "有期限", "能完吗", "能完成吗", "完得成", "完得了", "常年干", "是常年", "长期的吗", "长期干", "是长期的", "长期的还是",
        "有个截止", "有没有截止", "一直有效", "长期有效", "是全年", "全年都要", "有日子吗", "有没有日子", "常态化的还是", "是常态化", "阶段性的",
        "交账", "交差", "哪年", "哪一年", "一直管还是", "干完就完", "今年干完", "一直干还是", "几月底前", "几月底", "哪个月底", "一阵风", "一直搞", "到年底就完",
    ];

    private static readonly string[] DutiesCues =
    [
        "负责哪些", "负责什么", "哪些工作", "哪些任务", "什么工作", "什么任务", "职责", "干什么", "做什么", "做哪些", "要完成什么",
        "要完成哪些", "完成哪些", "完成什么", "牵头哪些", "牵头什么", "协办哪些", "参与哪些", "配合哪些", "有哪些事", "管什么",
        "管哪些", "任务清单", "工作清单", "到期", "哪些措施", "什么措施", "有哪些", "都有啥", "有啥任务", "有啥工作", "干啥",
        "主责哪些", "承担哪些", "承担什么", "涉及哪些", "涉及什么", "干嘛", "要干", "做啥", "干些什么", "干哪些", "有什么任务",
        "有什么工作", "啥任务", "啥工作", "列一下", "列出来", "列个单", "列一列", "列列", "干的事", "做的事", "干的活", "有啥活", "啥活儿", "哪些活", "领了哪些", "领的活", "哪几块", "管哪几", "有什么活", "交哪些差", "交的差", "差事", "有啥要完成", "有啥要干", "有啥要做", "给别人打配合", "打配合的活", "出现了吗", "出现过", "提到了吗", "提到过", "有没有提到", "提及",
    ];

    private static readonly string[] IndicatorCues =
    [
        "多少", "目标值", "指标", "浓度", "PM2.5", "PM25", "优良天数", "重污染天数", "比率", "比例", "百分之",
        "几个", "几辆", "几家", "几组", "几天", "数量", "控制在", "下降率", "减排量", "达标率", "利用率", "几成", "多高", "多大",
    ];

    private static readonly string[] AirQualityWords = ["PM2.5", "PM25", "浓度", "优良天数", "优良天", "重污染", "空气质量", "细颗粒物", "目标", "指标", "空气"];

    private static readonly string[] FollowUpMarkers = ["那", "它", "这项", "这个", "该项", "这条", "上面", "刚才", "此项", "这些", "那个", "那项", "其"];

    private static readonly string[] LegalAdvice =
    [
        "起诉", "打官司", "律师", "赔偿", "索赔", "判刑", "坐牢", "诉讼", "法院", "违法吗", "合法吗", "犯法", "仲裁", "举报奖励",
    ];

    // Greetings only: other small talk simply finds no measure and gets the same "no basis" answer.
    private static readonly string[] Greetings =
    [
        "你好", "您好", "谢谢", "多谢", "再见", "拜拜", "你是谁", "你叫什么", "HELLO", "HI", "在吗", "在不在", "早上好", "晚上好",
    ];

    // Words that only shape the question; removed before searching so they do not dilute the topic.
    private static readonly string[] FunctionWords =
    [
        "请问", "我想问", "我想知道", "想问", "想了解", "问一下", "问下", "咨询", "一下", "请告诉我", "告诉我", "帮我查", "查一下",
        "西城区", "西城", "区里", "区政府", "政府", "行动计划", "计划", "里面", "中", "今年", "2024年", "2024", "本年度", "全年",
        "到底", "究竟", "具体", "应该", "需要", "要求", "是否", "有没有", "是不是", "能不能", "可以", "怎么", "如何", "怎样", "啥",
        "什么", "哪些", "哪个", "哪", "谁", "吗", "呢", "啊", "呀", "吧", "嘛", "么", "的", "了", "是", "在", "有", "和", "与",
        "及", "或", "要", "把", "给", "对", "关于", "方面", "事情", "事儿", "工作", "任务", "单位", "部门", "措施", "完成", "落实",
        "开展", "推进", "实施", "相关", "这项", "这个", "那个", "这", "那", "它", "其", "事", "管", "归", "由", "来", "做", "搞",
        "弄", "抓", "项", "条", "个", "也", "都", "还", "就", "会", "能", "让", "被", "呗", "么样", "有人", "我们", "我",
        "我家", "你们", "多少", "几", "目标", "达到", "要求", "情况", "一次", "多久", "次", "太", "很", "非常", "特别", "十分",
        "挺", "真", "大", "老是", "总是", "经常", "别的", "这块", "那块", "这种", "那种", "这事", "那些", "他们", "它们", "该单位", "该部门", "这个单位", "这个部门", "该街道",
        "咋", "咋样", "准备", "打算", "说", "写", "些", "上面", "下来", "块儿", "这块儿", "那块儿",
    ];

    private static readonly HashSet<string> FunctionWordSet = new(FunctionWords, StringComparer.Ordinal);

    /// <summary>The cue phrases taken out of the topic, longest first.</summary>
    private static readonly string[] TopicCues = CoCues.Concat(LeadCues).Concat(DeadlineCues).Concat(DutiesCues)
        .Where(c => c.Length >= 2).OrderByDescending(c => c.Length).ToArray();

    /// <summary>Replaces each SmartCn word that only shapes the question with a space, keeping the rest in place.</summary>
    private static string DropFunctionWords(string text)
    {
        var chars = text.ToCharArray();
        // The segmentation the searches share (segmented once a text).
        foreach (var word in QuestionTokens.Words(text))
        {
            if (FunctionWordSet.Contains(word.Term))
            {
                for (var i = word.Start; i < word.End && i < chars.Length; i++)
                {
                    chars[i] = ' ';
                }

                // 这块儿, 那种儿: the erhua of a dropped word goes with it, not into the topic.
                if (word.End < chars.Length && chars[word.End] == '儿')
                {
                    chars[word.End] = ' ';
                }
            }
        }

        return new string(chars);
    }

    public Question Read(string raw, ConversationContext? context = null)
    {
        var normalized = ChineseText.Normalize(raw);
        var text = gazetteer.ToPlanVocabulary(PlaceErhua().Replace(normalized, ""));
        var mentions = gazetteer.Find(text);
        var units = mentions.Where(m => m.Unit is not null).Select(m => m.Unit!).Distinct().ToList();
        // 我们园林今年牵头的活儿: staff name their own unit by a bare word the plan also uses for a thing.
        string? staffWord = null;
        if (units.Count == 0 && mentions.All(m => m.Street is null) && (HasAny(text, DutiesCues) || WhichDuties().IsMatch(text))
            && gazetteer.StaffUnit(normalized) is { } own)
        {
            units.Add(own.Unit);
            staffWord = own.Word;
        }

        // A street by name, else by a place in it (后海 → 什刹海街道).
        var named = mentions.Where(m => m.Street is not null && !m.IsPlace).Select(m => m.Street!).Distinct().ToList();
        var streets = named.Count > 0 ? named : mentions.Where(m => m.Street is not null).Select(m => m.Street!).Distinct().ToList();
        // "优良天数比率呢", "一季度是多少" after a street's figures: the same street.
        if (units.Count == 0 && streets.Count == 0 && context is { Intent: Intent.Indicator, Street: { } figuresStreet }
            && (HasAny(text, AirQualityWords) || HasAny(text, IndicatorCues) || text.Contains("季度", StringComparison.Ordinal))
            && gazetteer.Find(figuresStreet).FirstOrDefault(m => m.Street is not null) is { Street: { } sameStreet })
        {
            streets.Add(sameStreet);
        }

        // "它要配合哪些", "该单位牵头的呢" after a unit's (or street's) duties: that unit. (Not "它们什么时候到期", which
        // asks about the measures just listed.)
        if (units.Count == 0 && streets.Count == 0 && context?.Intent == Intent.Duties && Pronoun().IsMatch(normalized)
            && !HasAny(text, DeadlineCues)
            && gazetteer.Find(context?.Unit ?? context?.Street ?? "").FirstOrDefault() is { } referent)
        {
            if (referent.Unit is not null)
            {
                units.Add(referent.Unit);
            }
            else if (referent.Street is not null)
            {
                streets.Add(referent.Street);
            }
        }
        var time = ReadTime(text) ?? calendar?.Read(text);
        var reference = References.TryParse(text, out var a, out var t, out var k)
            ? (k is { } mk ? References.Measure(a, t, mk) : References.Task(a, t))
            : null;

        // The topic: the text less names, periods, references, cue and function words.
        var topic = text;
        foreach (var m in mentions.OrderByDescending(m => m.Start))
        {
            topic = topic.Remove(m.Start, m.Surface.Length).Insert(m.Start, " ");
        }

        if (time is not null)
        {
            topic = topic.Replace(time.Surface, " ", StringComparison.Ordinal);
            // "年底十到十二月": a second way of saying the period is no topic either.
            topic = YearEnd().Replace(topic, " ");
        }

        topic = RefText().Replace(topic, " ");
        // The staff's own word for their unit (园林, 街道) names the unit, not a topic.
        if (staffWord is not null && topic.IndexOf(staffWord, StringComparison.Ordinal) is >= 0 and var at)
        {
            topic = topic.Remove(at, staffWord.Length).Insert(at, " ");
        }

        // A year qualifies the question (checked against the answer), it is not its topic.
        topic = Year().Replace(topic, " ");
        // Cue phrases go by substring (they are long enough not to sit inside content words); single function
        // words only as whole SmartCn words, so 项 goes from "这项" but 专项 stays.
        foreach (var cue in TopicCues)
        {
            topic = topic.Replace(cue, " ", StringComparison.Ordinal);
        }

        topic = DropFunctionWords(topic);
        topic = Punctuation().Replace(topic, " ");
        topic = Spaces().Replace(topic, " ").Trim();

        var outOfScope = OutOfScope(text);
        var hasTopic = topic.Count(ChineseText.IsCjk) >= 2 || topic.Any(char.IsAsciiLetter);
        var isFollowUp = context is { MeasureRefs.Count: > 0 }
            && units.Count == 0 && streets.Count == 0 && reference is null
            && (!hasTopic || (normalized.Length <= 12 && FollowUpMarkers.Any(f => normalized.StartsWith(f, StringComparison.Ordinal))));

        var asksQ1 = text.Contains("一季度", StringComparison.Ordinal) || text.Contains("第一季度", StringComparison.Ordinal)
            || text.Contains("Q1", StringComparison.Ordinal) || text.Contains("1季度", StringComparison.Ordinal);
        var intent = outOfScope is not null
            ? Intent.None
            : Classify(text, units, streets, time, hasTopic || reference is not null, isFollowUp, context);
        return new Question(raw, normalized, intent, units, streets, time, reference, topic, isFollowUp, asksQ1,
            AsksLeadOnly: HasAny(text, "牵头", "主责") && !HasAny(text, CoCues),
            AsksCoOnly: HasAny(text, CoCues) && !HasAny(text, "牵头", "主责"),
            outOfScope);
    }

    private Intent Classify(string text, List<Unit> units, List<Street> streets, TimeWindow? time, bool hasTopic, bool isFollowUp, ConversationContext? context)
    {
        var co = HasAny(text, CoCues);
        // "归环保局管吧", "是园林局弄吗": a yes/no question about who is responsible.
        var deadline = HasAny(text, DeadlineCues);
        // "修绿道的活儿谁牵头" asks who; "那活儿有期限吗" names the task and asks when; "普及的活动" is no task.
        // 谁都能用的充电桩: 谁都 names everyone, it asks nobody's name.
        var asked = Everyone().Replace(text, "");
        var lead = HasAny(asked, LeadCues) || AsksWhoIsResponsible(asked) || (!deadline && TaskWord().IsMatch(asked));
        var duties = HasAny(text, DutiesCues) || WhichDuties().IsMatch(text);

        // 配合 is also a verb ("啥时候要配合完成"): with a deadline cue and no 协办, the question is about the deadline.
        if (co && deadline && !text.Contains("协办", StringComparison.Ordinal))
        {
            co = false;
        }
        var indicator = HasAny(text, IndicatorCues) || HowMany().IsMatch(text) || RateWords().IsMatch(text);

        // "多久上报一次" asks how often, not by when: the measure's wording answers it.
        if (deadline && Frequency().IsMatch(text))
        {
            deadline = false;
        }

        // "那什刹海呢" after a street's figures: the same question about another street.
        if (context is { Intent: Intent.Indicator, Street: not null } && streets.Count > 0 && units.Count == 0 && !hasTopic
            && !(co || lead || deadline || duties))
        {
            return Intent.Indicator;
        }

        if (isFollowUp)
        {
            // "那他们协办的呢" after a unit's duties: the same unit's other list.
            if (context!.Intent == Intent.Duties && (context.Unit is not null || context.Street is not null) && (co || lead || duties)) return Intent.Duties;
            if (co) return Intent.Co;
            if (deadline) return Intent.Deadline;
            if (lead) return Intent.Lead;
            if (indicator) return Intent.Indicator;
            return context.Intent is Intent.None or Intent.Duties ? Intent.Search : context.Intent;
        }

        // Street figures: "德胜街道PM2.5目标是多少", "牛街优良天数"; "一季度是多少" right after them.
        if (streets.Count > 0 && !duties && (HasAny(text, AirQualityWords)
            || (context is { Intent: Intent.Indicator, Street: not null } && (indicator || text.Contains("季度", StringComparison.Ordinal)))))
        {
            return Intent.Indicator;
        }

        // A unit (or a street office) and a duty cue, with nothing else to look for: its list of duties.
        if ((units.Count > 0 || streets.Count > 0) && (duties || !hasTopic) && !deadline)
        {
            return Intent.Duties;
        }

        if (time is not null && (duties || !hasTopic))
        {
            return Intent.Duties;
        }

        // "哪些任务是按时间节点完成的": measures by how the plan words their deadline.
        if (HasAny(text, "按时间节点", "长期实施", "持续推进") && (duties || text.Contains("哪些", StringComparison.Ordinal)))
        {
            return Intent.Duties;
        }

        if (units.Count > 0 && duties && time is not null)
        {
            return Intent.Duties;
        }

        if (co) return Intent.Co;
        if (indicator && !lead && !deadline) return Intent.Indicator;
        // "环保局负责的油烟治理什么时候完成": the unit is given, so 负责 names it rather than asks for it.
        if (deadline && units.Count > 0) return Intent.Deadline;
        if (deadline && !lead) return Intent.Deadline;
        if (lead) return Intent.Lead;
        if (deadline) return Intent.Deadline;
        return hasTopic || units.Count > 0 ? Intent.Search : Intent.None;
    }

    // 胡同儿, 院儿, 门口儿: Beijing's erhua on a place word; the plan and the vocabulary write the word bare.
    [GeneratedRegex(@"(?<=胡同|院|门口|街口|路口|楼道|墙根|门脸|小区|公园)儿")]
    private static partial Regex PlaceErhua();

    [GeneratedRegex("谁都|谁也|随便谁|不管谁")]
    private static partial Regex Everyone();

    [GeneratedRegex("的活(?!动)")]
    private static partial Regex TaskWord();

    /// <summary>
    /// What a question asks by its cue words alone, without names or context (null: none). Tells a follow-up that only
    /// changes the topic ("那公交车呢") from one that asks something ("那公交车谁管").
    /// </summary>
    internal static Intent? CueIntent(string text)
    {
        if (HasAny(text, CoCues)) return Intent.Co;
        if (HasAny(text, DeadlineCues) && !Frequency().IsMatch(text)) return Intent.Deadline;
        if (HasAny(text, LeadCues) || AsksWhoIsResponsible(text) || TaskWord().IsMatch(text)) return Intent.Lead;
        if (HasAny(text, DutiesCues) || WhichDuties().IsMatch(text)) return Intent.Duties;
        if (HasAny(text, IndicatorCues) || HowMany().IsMatch(text) || RateWords().IsMatch(text)) return Intent.Indicator;
        return null;
    }

    private string? OutOfScope(string text)
    {
        // Another year is out of scope, unless the plan itself names it (到2025年, 2023-2025年, 较2020年).
        var year = Year().Match(text);
        if (year.Success && year.Groups[1].Value is var y && y != "2024" && !text.Contains("2024", StringComparison.Ordinal)
            && !planYears.Contains(y))
        {
            return "year";
        }

        // "去年的目标是多少" asks about another year; "楼下去年开了家烧烤店" only tells when a story began.
        if (HasAny(text, "十五五") || RelativeYear().Matches(text).Any(m => YearAsked().IsMatch(ClauseWithMark(text, m.Index))))
        {
            return "year";
        }

        // Other places: Understanding.AskedScope, which tells another district's plan from working with the neighbours.
        if (Understanding.AskedScope.Of(text) == Understanding.AskedScope.Place)
        {
            return "place";
        }

        if (HasAny(text, LegalAdvice))
        {
            return "legal";
        }

        var bare = Punctuation().Replace(text, "");
        if (Greetings.Any(g => bare.StartsWith(g, StringComparison.Ordinal)) && bare.Length <= 8)
        {
            return "chat";
        }

        return null;
    }

    /// <summary>"4月底前" / "四月底" / "6月" / "上半年" / "三季度" / "年底前" → a window in the plan year.</summary>
    internal static TimeWindow? ReadTime(string text)
    {
        const int y = Deadline.PlanYear;
        // "10月到12月", "七至九月": a span of months, read whole rather than as its first month.
        if (MonthSpan().Match(text) is { Success: true } span && ParseMonth(span.Groups["a"].Value) is >= 1 and <= 12 and var firstMonth
            && ParseMonth(span.Groups["b"].Value) is >= 1 and <= 12 and var lastMonth && lastMonth >= firstMonth)
        {
            return new TimeWindow(new DateOnly(y, firstMonth, 1), new DateOnly(y, lastMonth, DateTime.DaysInMonth(y, lastMonth)), span.Value, ByEnd: false);
        }

        // "七八月", "十一二月": two neighbouring months said together.
        if (MonthPair().Match(text) is { Success: true } pair)
        {
            var first = pair.Groups["a"].Value == "十一" ? 11 : ParseMonth(pair.Groups["a"].Value);
            var second = pair.Groups["a"].Value == "十一" ? 12 : ParseMonth(pair.Groups["b"].Value);
            if (first is >= 1 and <= 11 && second == first + 1)
            {
                return new TimeWindow(new DateOnly(y, first, 1), new DateOnly(y, second, DateTime.DaysInMonth(y, second)), pair.Value, ByEnd: false);
            }
        }

        var m = MonthPhrase().Match(text);
        if (m.Success)
        {
            var month = ParseMonth(m.Groups["m"].Value);
            if (month is >= 1 and <= 12)
            {
                var last = new DateOnly(y, month, DateTime.DaysInMonth(y, month));
                var byEnd = m.Groups["before"].Success || m.Groups["end"].Success || text.Contains("之前", StringComparison.Ordinal);
                return new TimeWindow(byEnd ? new DateOnly(y, 1, 1) : new DateOnly(y, month, 1), last, m.Value, byEnd);
            }
        }

        if (YearEnd().Match(text) is { Success: true } ye)
        {
            return new TimeWindow(new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), ye.Value, ByEnd: true);
        }

        if (text.Contains("上半年", StringComparison.Ordinal))
        {
            return new TimeWindow(new DateOnly(y, 1, 1), new DateOnly(y, 6, 30), "上半年", ByEnd: true);
        }

        if (text.Contains("下半年", StringComparison.Ordinal))
        {
            return new TimeWindow(new DateOnly(y, 7, 1), new DateOnly(y, 12, 31), "下半年", ByEnd: false);
        }

        if (Quarter().Match(text) is { Success: true } q && ParseMonth(q.Groups["q"].Value) is >= 1 and <= 4 and var n
            && !text.Contains("PM", StringComparison.Ordinal) && !text.Contains("重污染", StringComparison.Ordinal) && !text.Contains("浓度", StringComparison.Ordinal))
        {
            var to = new DateOnly(y, n * 3, DateTime.DaysInMonth(y, n * 3));
            return new TimeWindow(new DateOnly(y, n * 3 - 2, 1), to, q.Value, ByEnd: false);
        }

        return null;
    }

    private static int ParseMonth(string s)
    {
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return s switch
        {
            "一" => 1, "二" => 2, "两" => 2, "三" => 3, "四" => 4, "五" => 5, "六" => 6, "七" => 7, "八" => 8, "九" => 9, "十" => 10,
            "十一" => 11, "十二" => 12, _ => 0,
        };
    }

    private static bool HasAny(string text, params string[] cues) =>
        cues.Any(c => text.Contains(c, StringComparison.Ordinal));

    [GeneratedRegex(@"(?<m>1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月(?:份)?(?<end>底|末)?(?<before>前|之前|以前)?")]
    private static partial Regex MonthPhrase();

    [GeneratedRegex(@"(?<a>1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])(?:月份?)?(?:到|至|－|-|—|~|、|和)(?<b>1[0-2]|[1-9]|十[一二]|[一二三四五六七八九十])月(?:份)?(?:底|末)?")]
    private static partial Regex MonthSpan();

    [GeneratedRegex(@"(?<a>十一|[一二三四五六七八九])、?(?<b>二|[二三四五六七八九十])月(?:份)?")]
    private static partial Regex MonthPair();

    // 几个/几辆/几星级/几处 ask for a number; 几月/几号/几点 ask for a date.
    // Not 好几年 ("several years") or 几乎.
    [GeneratedRegex(@"(?<!好)几(?![月号点时乎]|个月)\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HowMany();

    [GeneratedRegex(@"归.{1,10}管|是.{1,10}(?:管|负责|弄|牵头|干|做|的事|的活)(?:吗|吧|么|不|\?|？)")]
    private static partial Regex ResponsibleWho();

    /// <summary>"是园林局弄吗" asks who; "是全年都要干吧" asks how long — a span of time where the unit would be.</summary>
    private static bool AsksWhoIsResponsible(string text) =>
        ResponsibleWho().Matches(text).Any(m => !SpanOfTime().IsMatch(m.Value));

    [GeneratedRegex("全年|长期|一直|常年|年底|今年|每年|每月|每季度")]
    private static partial Regex SpanOfTime();

    [GeneratedRegex(@"(?:参与|负责|牵头|协办|承担|主责|配合|主管)了?(?:的是)?(?:干|做|搞|弄|管)?(?:点|些)?(?:哪些|哪几|什么|啥)|哪几项|哪几件|哪几个任务")]
    private static partial Regex WhichDuties();

    [GeneratedRegex(@"率|比例|占比|目标")]
    private static partial Regex RateWords();

    [GeneratedRegex(@"一次|频次|频率|每隔|多久.{0,4}次")]
    private static partial Regex Frequency();

    [GeneratedRegex(@"年底(?:前|之前)?|年末|年内")]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"第?(?<q>[1-4一二三四])季度")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(20\d\d)年?")]
    private static partial Regex Year();

    [GeneratedRegex(@"附件\s*\d\s*[-－—第]\s*\d{1,2}\s*项?(?:\s*[-－—第]\s*\d{1,2}\s*[条项个]?)?")]
    private static partial Regex RefText();

    [GeneratedRegex(@"[\p{P}\p{S}-[.]]|(?<!\d)\.(?!\d)")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // Not 其它 ("other"), which holds 它.
    [GeneratedRegex(@"(?<!其)它|他们|该单位|该部门|这个单位|这个部门|这家单位|该街道|这个街道")]
    private static partial Regex Pronoun();

    /// <summary>The clause at a position with the mark that ends it (？ says it asks).</summary>
    private static string ClauseWithMark(string text, int at)
    {
        var (from, to) = ChineseText.ClauseAround(text, at);
        return text[from..Math.Min(text.Length, to + 1)];
    }

    [GeneratedRegex("去年|明年|前年|后年")]
    private static partial Regex RelativeYear();

    [GeneratedRegex(@"目标|计划|方案|任务|指标|多少|几|完成|浓度|天数|数据|排名|达标|吗|呢|么|？|\?|怎么|咋|啥|什么|是否|有没有|还搞|还要|继续")]
    private static partial Regex YearAsked();
}
