using System.Text.RegularExpressions;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>
/// Reads periods relative to today ("这个月", "本季度", "下个月") as months of the plan's year: the plan only schedules
/// 2024, so "this quarter" means the same quarter of 2024, taken from the current month in China's time zone. Each
/// window says which months it took ("按2024年计划，本季度指10—12月"), so the reader can check the reading.
/// </summary>
/// <param name="clock">Injected so tests (and a server whose clock is wrong) are deterministic.</param>
public sealed partial class PlanCalendar(TimeProvider clock)
{
    /// <summary>Beijing time all year: China has kept UTC+8 without daylight saving since 1991.</summary>
    private static readonly TimeZoneInfo China = FindChina();

    public static PlanCalendar System { get; } = new(TimeProvider.System);

    /// <summary>The current month in China (1–12).</summary>
    public int CurrentMonth => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), China).Month;

    /// <summary>
    /// "这个月" / "本季度" / "下个月" / "上个季度" → a window in the plan year; everyday names of fixed periods ("头三个月",
    /// "前半年") too. Null when the text names none.
    /// </summary>
    public TimeWindow? Read(string text)
    {
        if (Everyday().Match(text) is { Success: true } e)
        {
            var y = Deadline.PlanYear;
            return e.Groups["q1"].Success ? new TimeWindow(new DateOnly(y, 1, 1), new DateOnly(y, 3, 31), e.Value, ByEnd: false)
                : e.Groups["h1"].Success ? new TimeWindow(new DateOnly(y, 1, 1), new DateOnly(y, 6, 30), e.Value, ByEnd: true)
                : new TimeWindow(new DateOnly(y, 7, 1), new DateOnly(y, 12, 31), e.Value, ByEnd: false);
        }

        var m = Relative().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var shift = m.Groups["which"].Value switch
        {
            "上个" or "上" => -1,
            "下个" or "下" => 1,
            _ => 0,
        };
        var current = new DateOnly(Deadline.PlanYear, CurrentMonth, 1);
        var byEnd = m.Groups["before"].Success;
        DateOnly from, to;
        string months;
        if (m.Groups["unit"].Value == "月")
        {
            from = current.AddMonths(shift);
            to = from.AddMonths(1).AddDays(-1);
            months = $"{from.Month}月";
        }
        else
        {
            var quarterStart = new DateOnly(Deadline.PlanYear, (CurrentMonth - 1) / 3 * 3 + 1, 1).AddMonths(3 * shift);
            from = quarterStart;
            to = quarterStart.AddMonths(3).AddDays(-1);
            months = $"{from.Month}—{to.Month}月";
        }

        var reading = from.Year == Deadline.PlanYear
            ? $"按{Deadline.PlanYear}年计划，{m.Value}指{months}"
            : $"按{Deadline.PlanYear}年计划，{m.Value}已是{from.Year}年{months}，不在本计划的年度内";
        return new TimeWindow(byEnd ? new DateOnly(Deadline.PlanYear, 1, 1) : from, to, m.Value, byEnd, reading);
    }

    /// <summary>
    /// "全年", "今年": the whole plan year. Only a follow-up reads these as a period ("那全年呢" after a quarter's
    /// figure); in a full question they are filler ("今年PM2.5要降到多少").
    /// </summary>
    public static TimeWindow? WholeYear(string text) => WholeYearWords().Match(text) is { Success: true } m
        ? new TimeWindow(new DateOnly(Deadline.PlanYear, 1, 1), new DateOnly(Deadline.PlanYear, 12, 31), m.Value, ByEnd: true)
        : null;

    /// <summary>
    /// The window in words the question reader reads: "一季度" for the first quarter (the tables' column), "上半年" for
    /// "前半年"; otherwise the words the user said.
    /// </summary>
    public static string Name(TimeWindow window) =>
        IsFirstQuarter(window) ? "一季度"
        : Everyday().Match(window.Surface) is { Success: true } e ? (e.Groups["h1"].Success ? "上半年" : e.Groups["h2"].Success ? "下半年" : window.Surface)
        : window.Surface;

    /// <summary>True when the window is the first quarter exactly (the street and 附件6 tables have a column for it).</summary>
    public static bool IsFirstQuarter(TimeWindow window) =>
        window.From == new DateOnly(Deadline.PlanYear, 1, 1) && window.To == new DateOnly(Deadline.PlanYear, 3, 31);

    /// <summary>True when the window is the whole plan year (年底前, 全年).</summary>
    public static bool IsWholeYear(TimeWindow window) =>
        window.From == new DateOnly(Deadline.PlanYear, 1, 1) && window.To == new DateOnly(Deadline.PlanYear, 12, 31);

    private static TimeZoneInfo FindChina()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A host without time-zone data: the offset is fixed anyway.
            return TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    // 这个月, 本月, 当月, 上个月, 下月, 本季度, 这个季度, 下个季度, 上季度; "本月底前" reads as "by the end of".
    // Not 几个月, 一个月 (no 这/本/上/下 before 个).
    [GeneratedRegex(@"(?<which>这个|这|本|当|上个|上|下个|下)(?<unit>月|季度)(?:份)?(?<end>底|末)?(?<before>前|之前|以前)?")]
    private static partial Regex Relative();

    // The first quarter, first and second half as people say them.
    [GeneratedRegex(@"(?<q1>(?:头|前|开年|年初)(?:三个|仨)月|第一个季度|开春那?(?:三个|仨)月)|(?<h1>(?:前|头)半年|半年内)|(?<h2>后半年)")]
    private static partial Regex Everyday();

    [GeneratedRegex(@"全年度?|今年|本年度?|年内")]
    private static partial Regex WholeYearWords();
}
