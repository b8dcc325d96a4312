using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>Reads the time of day and the key facts (where, since when, how often) from a complaint.</summary>
public static partial class ComplaintReader
{
    // Words that always mean night, and the evening words a following hour can still place before 22:00.
    private static readonly string[] NightWords =
        [
            "后半夜", "大半夜", "半夜", "深夜", "凌晨", "夜里", "夜间", "通宵", "整夜", "整宿", "一宿", "彻夜", "连夜", "夜晚", "夜深",
            // Said, not written: before dawn, the small hours, while everyone sleeps.
            "后半宿", "半宿", "三更", "午夜", "子夜", "天不亮", "天还没亮", "天没亮", "黑灯瞎火", "睡觉的时候", "睡下以后", "睡着了", "零点",
        ];

    private static readonly string[] EveningWords =
    [
        "晚上", "每晚", "今晚", "昨晚", "天天晚上", "傍晚", "晚间",
        // Evenings said another way, and the festival evenings when fireworks and gatherings start (hour not said).
        "天黑", "黑天", "晚饭后", "吃完晚饭", "晚饭点", "下班以后", "下班后", "夜宵", "宵夜", "大年三十", "年三十", "除夕", "小年夜", "元宵节",
        "擦黑", "掌灯", "入夜", "黄昏", "晚半晌",
    ];

    private static readonly string[] DayWords =
    [
        "白天", "早上", "早晨", "清晨", "上午", "中午", "下午", "午休", "午睡", "大早", "一早", "早高峰", "晚高峰",
        // Meal times and the working day: 06:00–22:00 under the noise law.
        "饭点", "午饭", "晌午", "大白天", "上班时间", "工作日白天", "午觉", "大清早", "清早", "头午", "过晌", "后晌", "早起",
    ];

    private static readonly string[] PeriodWords = [.. NightWords, .. EveningWords, .. DayWords];

    private static readonly string[] FrequencyWords =
    [
        "每天晚上", "每天夜里", "每天半夜", "每天凌晨", "每天早上", "每天中午", "每天", "天天", "每晚", "每周", "每个周末", "周末", "经常", "总是", "老是", "常常", "反复",
        "一直", "整夜", "通宵", "从早到晚", "时不时", "隔三差五", "三天两头", "每次", "一到晚上", "一下雨", "一刮风",
    ];

    /// <summary>
    /// 夜间 if any night is said (an hour in 22:00–06:00 or a night word); else 晚上 if an evening is said without an
    /// hour; else 昼间 if a daytime is said; else null. An evening word places a later bare hour of its sentence
    /// (每天晚上……跳到九点半 → 21:30, 昼间).
    /// </summary>
    public static TimeOfDay? ReadTime(string normalized)
    {
        var clues = new List<TimeOfDay>();
        var periodsWithHour = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ClockTime().Matches(normalized))
        {
            var period = m.Groups["p"].Value;
            var digits = m.Groups["h"].Value;
            if (ParseHour(digits) is not { } hour || hour > 24 || (period.Length == 0 && digits == "一"))
            {
                // 小声一点, 早一点: not a clock time.
                continue;
            }

            if (period.Length == 0)
            {
                var sentenceStart = m.Index == 0 ? 0 : normalized.LastIndexOfAny(SentenceEnds, m.Index - 1) + 1;
                period = PeriodWords
                    .Select(w => (Word: w, At: m.Index == 0 ? -1 : normalized.LastIndexOf(w, m.Index - 1, StringComparison.Ordinal)))
                    .Where(x => x.At >= sentenceStart)
                    .OrderByDescending(x => x.At).Select(x => x.Word).FirstOrDefault() ?? "";
            }

            periodsWithHour.Add(period);
            var h = To24(hour, period);
            clues.Add(new TimeOfDay(h is >= 22 or < 6 ? TimeOfDay.Night : TimeOfDay.Day, m.Value, h));
        }

        clues.AddRange(NightWords.Where(w => SaidOfTheProblem(normalized, w)).Select(w => new TimeOfDay(TimeOfDay.Night, w, null)));
        clues.AddRange(EveningWords.Where(w => !periodsWithHour.Contains(w) && SaidOfTheProblem(normalized, w)).Select(w => new TimeOfDay(TimeOfDay.Evening, w, null)));
        clues.AddRange(DayWords.Where(w => !periodsWithHour.Contains(w) && SaidOfTheProblem(normalized, w)).Select(w => new TimeOfDay(TimeOfDay.Day, w, null)));
        return clues.FirstOrDefault(c => c.IsNight && c.Hour is not null)
            ?? clues.FirstOrDefault(c => c.IsNight)
            ?? clues.FirstOrDefault(c => c.Period == TimeOfDay.Evening)
            ?? clues.FirstOrDefault(c => c.Hour is not null)
            ?? clues.FirstOrDefault();
    }

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?'];

    /// <summary>
    /// Whether a time word is said of the problem somewhere in the text, not only of one past incident told beside it
    /// (去年冬天……半夜叫的120: the ambulance came at night; the fumes start at dusk).
    /// </summary>
    internal static bool SaidOfTheProblem(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            var from = at == 0 ? 0 : text.LastIndexOfAny(SentenceEnds, at - 1) + 1;
            var to = text.IndexOfAny(SentenceEnds, at);
            if (!PastIncident().IsMatch(text[from..(to < 0 ? text.Length : to)]))
            {
                return true;
            }
        }

        return false;
    }

    // 去年冬天, 有一回, 那次: one occasion told as an example. 从去年开始 / 去年起 date the problem itself.
    [GeneratedRegex("(?<!从)(?:去年|前年|那年|有一次|有一回|那次|那回)(?!开始|起|以来|到现在|到今年|一直)")]
    private static partial Regex PastIncident();

    private static int To24(int hour, string period)
    {
        if (hour is 24 or 0)
        {
            return 0;
        }

        var evening = EveningWords.Contains(period) || period is "夜里" or "夜间" or "夜晚" or "深夜" or "半夜" or "大半夜";
        if (evening)
        {
            // 晚上九点 → 21, 晚上十二点 → 0, 晚上到一两点 / 半夜两点 → 1, 2: past midnight.
            return hour switch { 12 => 0, <= 5 => hour, < 12 => hour + 12, _ => hour };
        }

        // 下午三点 → 15; 中午一点 → 13 (中午十二点 stays noon).
        return period is "下午" && hour < 12 || period is "中午" && hour <= 5 ? hour + 12 : hour;
    }

    internal static int? ParseHour(string s)
    {
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        int Digit(char c) => "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? i : c == '两' ? 2 : -1;
        var ten = s.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            // 一两点, 两三点: a range; its first hour.
            return Digit(s[0]) >= 0 && (s.Length == 1 || Digit(s[1]) == Digit(s[0]) + 1) ? Digit(s[0]) : null;
        }

        var tens = ten == 0 ? 1 : Digit(s[0]);
        var ones = ten == s.Length - 1 ? 0 : Digit(s[^1]);
        return tens < 0 || ones < 0 ? null : tens * 10 + ones;
    }

    /// <summary>
    /// Where, since when, how often, and whether it was reported before; the summary is masked. The place is the
    /// caller's own phrase for where the problem is, whole (三里河公园门口), preferring a place in the sentence that
    /// states the problem (<paramref name="issueWords"/>) over one the caller only lives at; the names the gazetteer
    /// knows (<paramref name="knownPlaces"/>) seed it alongside anything shaped like a place (…胡同, …公园).
    /// </summary>
    public static ComplaintFacts ReadFacts(
        string complaint, string? streetEvidence, string? streetName = null, IReadOnlyList<string>? knownPlaces = null, IReadOnlyList<string>? issueWords = null)
    {
        var masked = PersonalData.Mask(complaint.Trim());
        var normalized = ChineseText.Normalize(masked);
        var where = ProblemPlace(normalized, knownPlaces ?? (streetEvidence is null ? [] : [streetEvidence]), issueWords ?? []);
        return new ComplaintFacts(
            Summarize(masked),
            where?.Text ?? (streetEvidence is not null && normalized.Contains(streetEvidence, StringComparison.Ordinal) ? streetName ?? streetEvidence : null),
            Since().Match(normalized) is { Success: true } since ? since.Value : null,
            FrequencyWords.FirstOrDefault(w => normalized.Contains(w, StringComparison.Ordinal)),
            CallerConcerns.IsRepeat(normalized));
    }

    /// <summary>A place phrase found in a complaint: where it stands and whether the caller only says they live there.</summary>
    public sealed record PlacePhrase(string Text, int Start, bool Home);

    /// <summary>Where the problem is: a place in a sentence stating the problem, else any not the caller's home, else the home.</summary>
    public static PlacePhrase? ProblemPlace(string normalized, IReadOnlyList<string> knownPlaces, IReadOnlyList<string> issueWords)
    {
        var places = Places(normalized, knownPlaces);
        bool InIssueClause(PlacePhrase p)
        {
            var (from, to) = ChineseText.ClauseAround(normalized, p.Start);
            // 我爸住陶然亭公园北门对面: 公园 as a cue is the place's own name, no sign the problem is stated here.
            var clause = normalized[from..to];
            var at = clause.IndexOf(p.Text, StringComparison.Ordinal);
            clause = at >= 0 ? clause.Remove(at, p.Text.Length) : clause;
            return issueWords.Any(w => w.Length > 0 && clause.Contains(w, StringComparison.Ordinal));
        }

        // What the caller asks for (诉求：禁止车辆在居民区路段怠速) is no description of where the problem is.
        var asked = RequestStart().Match(normalized) is { Success: true } r ? r.Index : int.MaxValue;
        if (places.Any(p => p.Start < asked))
        {
            places = places.Where(p => p.Start < asked).ToList();
        }

        var chosen = places.FirstOrDefault(p => !p.Home && InIssueClause(p))
            ?? places.FirstOrDefault(p => !p.Home && !IsErrand(normalized, p.Start))
            ?? places.FirstOrDefault(p => !IsErrand(normalized, p.Start))
            ?? places.FirstOrDefault();
        return chosen is null ? null : Narrowed(normalized, chosen, places);
    }

    /// <summary>
    /// 白纸坊，右安门内大街建功北里那块儿: a bare area name followed at once by a narrower place is said as one place
    /// (白纸坊右安门内大街建功北里); a repeated part is said once (广外湾子，湾子路 → 广外湾子路).
    /// </summary>
    private static PlacePhrase Narrowed(string normalized, PlacePhrase chosen, IReadOnlyList<PlacePhrase> places)
    {
        var end = chosen.Start + chosen.Text.Length;
        var bare = AreaFillerEnd().Replace(chosen.Text, "");
        if (bare.Length > 4 || end > normalized.Length || !normalized.AsSpan(chosen.Start).StartsWith(chosen.Text))
        {
            return chosen;
        }

        var next = places.FirstOrDefault(p => p.Start >= end && p.Start - end <= 8 && !p.Home);
        if (next is null || !AreaThenPlace().IsMatch(normalized[end..next.Start]))
        {
            return chosen;
        }

        var overlap = Enumerable.Range(1, Math.Max(0, Math.Min(bare.Length, next.Text.Length) - 1)).Reverse()
            .FirstOrDefault(k => bare.EndsWith(next.Text[..k], StringComparison.Ordinal));
        return chosen with { Text = bare + next.Text[overlap..] };
    }

    [GeneratedRegex(@"^儿?(?:这边儿?|那边儿?|这儿|那儿|这块儿?|那块儿?|那片儿?|这片儿?)?[，,](?:就是|就在|就)?$")]
    private static partial Regex AreaThenPlace();

    [GeneratedRegex(@"(?:这边|那边|这儿|那儿|这块|那块|那片|这片)儿?$")]
    private static partial Regex AreaFillerEnd();

    /// <summary>
    /// Every place phrase, left to right, none overlapping: a known name or a run ending in a place word (胡同, 公园,
    /// 小区…), grown to the right over what still names the place (公园 → 公园门口, 三里河 → 三里河一区).
    /// </summary>
    public static IReadOnlyList<PlacePhrase> Places(string normalized, IReadOnlyList<string> knownPlaces)
    {
        var found = new List<(int Start, int End)>();
        foreach (var name in knownPlaces.Where(n => n.Length > 0).Distinct())
        {
            for (var at = normalized.IndexOf(name, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(name, at + 1, StringComparison.Ordinal))
            {
                found.Add((at, Grow(normalized, at + name.Length)));
            }
        }

        // 陶然亭公园北门对面那个楼……公园门口广场上跳舞: a clause that opens with the bare 公园 means the park named
        // before; the place is said with its name (陶然亭公园门口广场).
        var named = new Dictionary<int, string>();
        foreach (Match m in BareGeneric().Matches(normalized))
        {
            var earlier = found.Where(f => f.End <= m.Index).Select(f => normalized[f.Start..f.End])
                .Concat(PlaceWord().Matches(normalized[..m.Index]).Select(w => normalized[Math.Max(0, w.Index - 6)..(w.Index + w.Length)]))
                .LastOrDefault(e => e.IndexOf(m.Groups["g"].Value, StringComparison.Ordinal) > 0);
            if (earlier is not null)
            {
                var at = m.Groups["g"].Index;
                var head = earlier[..earlier.IndexOf(m.Groups["g"].Value, StringComparison.Ordinal)];
                head = head[(head.LastIndexOfAny([.. NotInNames]) + 1)..];
                if (head.Length >= 2)
                {
                    named[at] = head;
                    found.Add((at, Grow(normalized, at + m.Groups["g"].Length)));
                }
            }
        }

        foreach (Match m in PlaceWord().Matches(normalized))
        {
            var start = m.Index;
            while (start > 0 && m.Index - start < 6 && IsNameChar(normalized[start - 1]))
            {
                start--;
            }

            // 流至胡同路面: 路面 is the road's surface, no place.
            if (m.Value.EndsWith('路') && m.Index + m.Length < normalized.Length && normalized[m.Index + m.Length] == '面')
            {
                continue;
            }

            // 来电人为医院职工: the record's 来电人 is no part of a place's name.
            if (start >= 1 && normalized.AsSpan(start - 1).StartsWith("来电人"))
            {
                start += 2;
            }

            var name = normalized[start..(m.Index + m.Length)];
            if (name.Length >= 3 && !GenericPlaces.Any(g => name.EndsWith(g, StringComparison.Ordinal) && name.Length - g.Length < 2))
            {
                found.Add((start, Grow(normalized, m.Index + m.Length)));
            }
        }

        var chosen = new List<(int Start, int End)>();
        foreach (var f in found.OrderBy(f => f.Start).ThenByDescending(f => f.End))
        {
            // Overlapping, or right behind with nothing between (广外|湾子): one place, said whole.
            if (chosen.Count > 0 && f.Start <= chosen[^1].End)
            {
                if (f.End > chosen[^1].End)
                {
                    chosen[^1] = (chosen[^1].Start, f.End);
                }

                continue;
            }

            chosen.Add(f);
        }

        return chosen.Select(c => new PlacePhrase(named.GetValueOrDefault(c.Start, "") + normalized[c.Start..c.End], c.Start, IsHome(normalized, c.Start, c.End - c.Start))).ToList();
    }

    /// <summary>Grows a place to the right over further place words and the words that place within it (门口, 附近, 一区).</summary>
    private static int Grow(string text, int end)
    {
        while (true)
        {
            var rest = text[end..];
            var around = Around().Match(rest);
            if (around.Success)
            {
                end += around.Length;
                // 新街口北大街（近积水潭桥南）: the landmark in brackets closes the place.
                if (around.Value.EndsWith('）') || around.Value.EndsWith(')'))
                {
                    return end;
                }

                continue;
            }

            // 赵登禹路|口东侧, 新风街|口: a road's or lane's mouth.
            if (rest.StartsWith('口') && end > 0 && text[end - 1] is '路' or '街' or '同' or '巷')
            {
                end++;
                continue;
            }

            // 广安门内大街|、南线阁路一带, 永安路|与福长街交口: another place listed or crossed is part of where.
            if (Joined().Match(rest) is { Success: true } joined)
            {
                end += joined.Length;
                continue;
            }

            // Another place word close behind, with only name characters between: 德胜街道|新康社区, 三里河|公园.
            var next = PlaceWordBehind().Match(rest);
            if (next.Success && next.Index <= 6 && rest[..next.Index].All(IsNameChar) && !TimeOrFrequency().IsMatch(rest[..(next.Index + next.Length)]))
            {
                end += next.Index + next.Length;
                continue;
            }

            return end;
        }
    }

    private static bool IsNameChar(char c) =>
        (ChineseText.IsCjk(c) && !NotInNames.Contains(c, StringComparison.Ordinal)) || char.IsAsciiLetterOrDigit(c);

    // Function words and pronouns that end a place name on its left (在德胜街道, 我家楼下, 那个胡同).
    private const string NotInNames = "在的是住到从我你他她它那这有和跟与对向往去来说了把被于及或就都也还又个每些嘛吧呢啊找过给让叫问打回为系至流冒淌溢走得经";

    /// <summary>
    /// 带母亲去宣武医院看过: a place the caller went on an errand of their own (a doctor, a check-up) is neither where the
    /// problem is nor where anyone lives.
    /// </summary>
    public static bool IsErrand(string text, int start)
    {
        var (from, to) = ChineseText.ClauseAround(text, start);
        return Errand().IsMatch(text[from..to]);
    }

    // 上礼拜刚去的人民医院, 送进了医院: a hospital gone to (because of the problem, or on an errand) is no place of it.
    [GeneratedRegex("看病|看过|看了病|就医|就诊|住院|复查|挂号|体检|医生|(?:去|送|进|到)(?:了|的|过)?(?:一?趟)?\\p{IsCJKUnifiedIdeographs}{0,6}医院")]
    private static partial Regex Errand();

    /// <summary>
    /// The caller says they live there or come from there (我自己住德胜门外, 其家住槐柏树街, 我是椿树的, 我是从天桥过来的,
    /// 我住琉璃厂那边儿，椿树的) — not where a relative lives (我妈住后海), which is often where the trouble is.
    /// </summary>
    public static bool IsHome(string text, int start, int length)
    {
        var from = start == 0 ? 0 : text.LastIndexOfAny(ChineseText.ClauseMarks, start - 1) + 1;
        // 其母亲（80岁，患哮喘）居住在…: a comma inside brackets does not end the clause.
        if (from > 0 && text.AsSpan(from, start - from).IndexOfAny('）', ')') >= 0 && text.AsSpan(from, start - from).IndexOfAny('（', '(') < 0
            && text.AsSpan(0, from).LastIndexOfAny('（', '(') is > 0 and var open)
        {
            from = text.LastIndexOfAny(ChineseText.ClauseMarks, open - 1) + 1;
        }

        var before = text[from..start];
        if (HomeWords.Any(w => before.Contains(w, StringComparison.Ordinal)) && !KinBefore().IsMatch(before))
        {
            return true;
        }

        if (CallerLives().IsMatch(before) || CallerComesFrom().IsMatch(before))
        {
            return true;
        }

        // 新街口外大街……不是，我说的是新街口北大街: a place the caller takes back is not where the trouble is.
        if (Retracted().IsMatch(text[(start + length)..]))
        {
            return true;
        }

        var end = text.IndexOfAny(ChineseText.ClauseMarks, start + length) is >= 0 and var e ? e : text.Length;
        var after = text[(start + length)..end];
        // 我是椿树的 / 我是下斜街那边儿的: who the caller is, said by where they are from.
        if (CallerIs().IsMatch(before) && OfPlace().IsMatch(after))
        {
            return true;
        }

        // 我住琉璃厂那边儿，椿树的 / 我住椿树这边儿，琉璃厂西街: a bare place clause goes on saying where the caller lives.
        return before.Length == 0 && (OfPlace().IsMatch(after) || after.Length == 0) && from > 1
            && IsHomeClause(text, text.LastIndexOfAny(ChineseText.ClauseMarks, from - 2) + 1, from - 1);
    }

    private static bool IsHomeClause(string text, int from, int to)
    {
        var clause = text[from..to];
        return HomeWords.Any(w => clause.Contains(w, StringComparison.Ordinal)) || CallerLives().IsMatch(clause);
    }

    [GeneratedRegex(@"(?:我|本人|自己|咱|其|来电人)(?:们)?(?:自己|自个儿)?(?:家)?(?:就|是|现在|一直|原来|本身)?(?:住|家住|居住|家在)|搬到$|搬去$|搬家到$")]
    private static partial Regex CallerLives();

    [GeneratedRegex(@"(?:我|本人)[^，。！？]{0,3}从$")]
    private static partial Regex CallerComesFrom();

    [GeneratedRegex(@"(?:^|[^家])(?:我|本人)(?:就)?是(?:住)?$")]
    private static partial Regex CallerIs();

    [GeneratedRegex(@"^[…\.。，,、\s]{0,6}不是[，,、\s]*(?:我说的是|我是说|是)")]
    private static partial Regex Retracted();

    [GeneratedRegex(@"^(?:那边|这边|那块|这块|附近|那片|一带|那一片)?儿?的[啊呀哈嘛]?$")]
    private static partial Regex OfPlace();

    [GeneratedRegex(@"(?:妈|爸|母亲|父亲|父母|爹妈|二老|老人|婆婆|公公|岳母|丈母娘|姥姥|奶奶|爷爷|姥爷|儿子|女儿|闺女|亲戚|朋友|同事)(?:[（(][^）)]{0,16}[）)])?(?:家)?(?:住|家住|家在|居住)")]
    private static partial Regex KinBefore();

    /// <summary>Words before a place that say the caller lives there rather than that the problem is there.</summary>
    public static readonly IReadOnlyList<string> HomeWords = ["住在", "家住", "我住", "住的是", "居住在", "家在", "我家是", "本人住", "住址"];

    private static readonly string[] GenericPlaces = ["小区", "社区", "胡同", "马路", "大街", "路", "街", "巷", "院", "楼", "大院", "市场", "公园", "广场", "工地"];

    [GeneratedRegex(@"(?:诉求|要求)[：:]")]
    internal static partial Regex RequestStart();

    // 交口, 沿 (后海南沿), 路南 (the road's south side), 往北一点, 1号楼一层底商, a bracketed stretch (银锭桥至荷花市场段), a
    // masked door number, and 那片儿的小广场 (a filler then the place itself).
    [GeneratedRegex(@"^(?:交口|交叉口|十字路口|[东西南北]沿|沿岸|沿线|路[东西南北](?![街路里])|[东西南北](?:边儿?|面)(?![的儿]?(?:一家|那家|有))|往[东西南北](?:一点儿?|点儿|不远)?|[一二三四五六七八九十\d]+号楼|[一二三四五六七八九十\d]+层|[一二三四五六七八九十\d]+单元|底商(?:超市)?|便道上|便道|人行道上|人行道|\[门牌号\]|(?:那片儿?|这片儿?|那边儿?|这边儿?)的(?=[^，。！？,!?；;]{0,2}(?:广场|空地|小区|院|楼|胡同|公园|市场))|[（(](?![^）)]*(?:辖区|街道|社区))[^（()）]{1,16}[）)]|门口|路口|附近|一带|旁边|(?:地铁站?|[A-Da-d\d]|西北|东北|西南|东南)口旁?|旁(?![人听观])|对面|对过儿|对过|周边|周围|边上|东侧|西侧|南侧|北侧|东口|西口|南口|北口|东门|西门|南门|北门|底下|楼下|下面|后面|里面|那边|这边|那块|这块|[一二三四五六七八九十\d]+(?:区|期|号院)|[东西南北中]区|[一二三四五六七八九十头]条)")]
    private static partial Regex Around();

    [GeneratedRegex(@"(?:^|(?<=[，。！？；,!?;]))(?:就是|就在|就|那个|这个)?(?<g>公园|小区|市场|广场|胡同|商场)(?=门口|里|东门|西门|南门|北门|旁边|广场|外)")]
    private static partial Regex BareGeneric();

    // Words that end a place name standing alone (…胡同, …公园); 里, 河, 楼 end too many other words to count alone.
    [GeneratedRegex(@"社区|小区|胡同|大街|南街|北街|东街|西街|斜街|路|巷|大院|公园|广场|市场|商场|大厦|商厦|地铁站|公寓|家园|花园|医院|学校|小学|中学|幼儿园|酒店|宾馆|大楼|工地|西里|东里|南里|北里|桥|长街|(?<=\p{IsCJKUnifiedIdeographs}{2})(?<![条整满逛上沿临过一炸扫])街(?![道坊头面上])|(?<=\p{IsCJKUnifiedIdeographs})里(?=某|小区|社区|\d+号|[一二三四五六七八九十\d]+区)")]
    private static partial Regex PlaceWord();

    // Behind a place already found, more words continue it (三里河|公园, 德胜门|箭楼, 什刹海|前海).
    [GeneratedRegex(@"楼道|街头绿地|绿地|街心公园|社区|小区|胡同|大街|南街|北街|东街|西街|斜街|街道|街|路|巷|里|大院|院|公园|广场|市场|商场|大厦|商厦|地铁站|站|桥|公寓|家园|花园|苑|医院|学校|小学|中学|幼儿园|酒店|宾馆|饭店|大楼|楼|工地|湖|河|海")]
    private static partial Regex PlaceWordBehind();

    [GeneratedRegex(@"每|天天|晚上|白天|半夜|凌晨|早上|夜里|经常|总是|一直|最近")]
    private static partial Regex TimeOrFrequency();

    // A name's characters: CJK, not the function words that end a name (<see cref="NotInNames"/>).
    private const string NameChar = @"[^\P{IsCJKUnifiedIdeographs}" + NotInNames + "]";

    [GeneratedRegex(@"^(?:[、和与跟及]" + NameChar + @"{1,6}?(?:大街|南街|北街|东街|西街|斜街|胡同|路|街)(?:交口|交叉口|十字路口|路口|口)?|[与和跟]" + NameChar + @"{1,6}?(?:交口|交叉口|十字路口|路口))")]
    private static partial Regex Joined();

    /// <summary>The complaint in one or two sentences, for restating it: first sentences up to ~90 characters.</summary>
    private static string Summarize(string masked)
    {
        // Restated to the caller: the problem in their words, without a transcript's "来电人反映：" or the clauses that
        // carry contact details or speak of the caller in the third person.
        var body = TranscriptPrefix().Replace(Spaces().Replace(masked, " ").Trim(), "");
        var clauses = ClauseWithEnd().Matches(body)
            .Select(m => m.Value)
            .Where(c => !NotRestated.Any(w => c.Contains(w, StringComparison.Ordinal)));
        var text = string.Concat(clauses).Trim().TrimEnd('。', '！', '!', '？', '?', '，', ',', '；', ' ');
        if (text.Length <= 90)
        {
            return text;
        }

        var cut = text.LastIndexOfAny(['。', '！', '？', '；', '，'], 90);
        return string.Concat(text.AsSpan(0, cut > 30 ? cut : 90), "……");
    }

    [GeneratedRegex(@"(?<p>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜|今晚|昨晚|每晚)?(?<h>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:点|时|:[0-5][0-9])")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?:已经|持续|快|都|有|最近|近)?(?:[一二两三四五六七八九十半几\d]+|好几)(?:个)?多?(?:天|周|星期|个月|月|年)(?:了|多了|以来|之久)?|(?:从|自)[^，。！？,]{1,12}(?:开始|起|以来)|最近|近期|这几天|这段时间|这阵子|入冬以来|入夏以来")]
    private static partial Regex Since();

    private static readonly string[] NotRestated =
        [PersonalData.PhoneMask, PersonalData.IdMask, PersonalData.DoorMask, "电话", "手机", "联系方式", "身份证", "来电人", "诉求人"];

    [GeneratedRegex(@"^(?:市民来电反映|来电人反映|来电人称|市民反映|诉求人反映|诉求人称|来电反映)[：:，,]?\s*")]
    private static partial Regex TranscriptPrefix();

    [GeneratedRegex(@"[^，。！？；,!?;]+[，。！？；,!?;]*")]
    private static partial Regex ClauseWithEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
