using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>Reads the time of day and the key facts (where, since when, how often) from a complaint.</summary>
public static partial class ComplaintReader
{
    // Words that always mean night, and the evening words a following hour can still place before 22:00.
    private static readonly string[] NightWords =
        ["后半夜", "大半夜", "半夜", "深夜", "凌晨", "夜里", "夜间", "通宵", "整夜", "整宿", "一宿", "彻夜", "连夜", "夜晚", "夜深"];

    private static readonly string[] EveningWords = ["晚上", "每晚", "今晚", "昨晚", "天天晚上", "傍晚", "晚间"];

    private static readonly string[] DayWords = ["白天", "早上", "早晨", "清晨", "上午", "中午", "下午", "午休", "午睡", "大早", "一早", "早高峰", "晚高峰"];

    private static readonly string[] PeriodWords = [.. NightWords, .. EveningWords, .. DayWords];

    private static readonly string[] FrequencyWords =
    [
        "每天晚上", "每天夜里", "每天半夜", "每天凌晨", "每天早上", "每天中午", "每天", "天天", "每晚", "每周", "每个周末", "周末", "经常", "总是", "老是", "常常", "反复",
        "一直", "整夜", "通宵", "从早到晚", "时不时", "隔三差五", "三天两头", "每次", "一到晚上", "一下雨", "一刮风",
    ];

    private static readonly string[] ReportedBeforeWords =
        ["投诉过", "反映过", "打过", "举报过", "多次投诉", "多次反映", "好几次", "没人管", "没有人管", "还是没", "一直没解决", "再次反映", "又来了"];

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

        clues.AddRange(NightWords.Where(w => normalized.Contains(w, StringComparison.Ordinal)).Select(w => new TimeOfDay(TimeOfDay.Night, w, null)));
        clues.AddRange(EveningWords.Where(w => !periodsWithHour.Contains(w) && normalized.Contains(w, StringComparison.Ordinal)).Select(w => new TimeOfDay(TimeOfDay.Evening, w, null)));
        clues.AddRange(DayWords.Where(w => !periodsWithHour.Contains(w) && normalized.Contains(w, StringComparison.Ordinal)).Select(w => new TimeOfDay(TimeOfDay.Day, w, null)));
        return clues.FirstOrDefault(c => c.IsNight && c.Hour is not null)
            ?? clues.FirstOrDefault(c => c.IsNight)
            ?? clues.FirstOrDefault(c => c.Period == TimeOfDay.Evening)
            ?? clues.FirstOrDefault(c => c.Hour is not null)
            ?? clues.FirstOrDefault();
    }

    private static readonly char[] SentenceEnds = ['。', '！', '？', '!', '?'];

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

    private static int? ParseHour(string s)
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
    /// Where, since when, how often, and whether it was reported before; the summary is masked. The street, when
    /// found, anchors the place: its mention and the location phrase after it, or else its full name.
    /// </summary>
    public static ComplaintFacts ReadFacts(string complaint, string? streetEvidence, string? streetName = null)
    {
        var masked = PersonalData.Mask(complaint.Trim());
        var normalized = ChineseText.Normalize(masked);
        return new ComplaintFacts(
            Summarize(masked),
            Where(normalized, streetEvidence, streetName),
            Since().Match(normalized) is { Success: true } since ? since.Value : null,
            FrequencyWords.FirstOrDefault(w => normalized.Contains(w, StringComparison.Ordinal)),
            ReportedBeforeWords.Any(w => normalized.Contains(w, StringComparison.Ordinal)));
    }

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

    private static string? Where(string normalized, string? streetEvidence, string? streetName)
    {
        if (streetEvidence is not null && normalized.IndexOf(streetEvidence, StringComparison.Ordinal) is var at and >= 0)
        {
            // From the street or place named to the end of its location phrase (…小区, …胡同, …附近).
            var rest = normalized[at..];
            var place = PlaceAfterStreet().Match(rest);
            return place.Success ? place.Value : streetName ?? streetEvidence;
        }

        return Place().Match(normalized) is { Success: true } m ? m.Value : null;
    }

    [GeneratedRegex(@"(?<p>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|半夜|深夜|今晚|昨晚|每晚)?(?<h>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:点|时|:[0-5][0-9])")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"(?:已经|持续|快|都|有|最近|近)?(?:[一二两三四五六七八九十半几\d]+|好几)(?:个)?多?(?:天|周|星期|个月|月|年)(?:了|多了|以来|之久)?|(?:从|自)[^，。！？,]{1,12}(?:开始|起|以来)|最近|近期|这几天|这段时间|这阵子|入冬以来|入夏以来")]
    private static partial Regex Since();

    [GeneratedRegex(@"^[^，。！？,；]{0,14}?(?:社区|小区|胡同|大街|南街|北街|东街|西街|斜街|路|巷|里|院|公园|广场|市场|商场|大厦|附近|一带|那边|这边|门口|路口|门|桥|下面|旁边|对面)(?:[一二三四五六七八九十]+区)?")]
    private static partial Regex PlaceAfterStreet();

    [GeneratedRegex(@"[\u4e00-\u9fa5]{2,8}?(?:社区|小区|胡同|大街|南街|北街|东街|西街|斜街|公园|广场|市场|商场|大厦|地铁站)(?:[一二三四五六七八九十]+区)?")]
    private static partial Regex Place();

    private static readonly string[] NotRestated =
        [PersonalData.PhoneMask, PersonalData.IdMask, PersonalData.DoorMask, "电话", "手机", "联系方式", "身份证", "来电人", "诉求人"];

    [GeneratedRegex(@"^(?:市民来电反映|来电人反映|来电人称|市民反映|诉求人反映|诉求人称|来电反映)[：:，,]?\s*")]
    private static partial Regex TranscriptPrefix();

    [GeneratedRegex(@"[^，。！？；,!?;]+[，。！？；,!?;]*")]
    private static partial Regex ClauseWithEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
