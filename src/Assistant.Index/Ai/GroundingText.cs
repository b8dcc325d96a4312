using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Ai;

/// <summary>A reference found in a text: 附件1-15-1 (measure), 附件1-15 (task) or 附件6 (a whole annex or table).</summary>
internal sealed record ReferenceMention(string Canonical, int Start, int Length, bool IsAnnex);

/// <summary>A deadline found in a text (年底前, 4月底前, 6-9月, 4月1日起, 长期实施) and the plan-year dates it names.</summary>
internal sealed record DeadlineMention(string Surface, int Start, IReadOnlyList<DateOnly> Dates);

/// <summary>
/// The facts the grounding check compares, read the same way from a model's text and from the evidence:
/// references, deadlines and numbers. Texts are expected normalised (<see cref="Search.ChineseText.Normalize"/>).
/// </summary>
internal static partial class GroundingText
{
    /// <summary>
    /// Deadlines without a date: they must appear as written. Only the distinctive ones; 持续推进 is also everyday
    /// policy wording and would flag sentences that merely use it.
    /// </summary>
    internal static readonly string[] DeadlinePhrases = ["长期实施", "按时间节点完成"];

    public static IEnumerable<ReferenceMention> FindReferences(string text)
    {
        foreach (Match m in ReferencePattern().Matches(text))
        {
            var annex = Int(m.Groups["a"]);
            if (m.Groups["m"].Success)
            {
                yield return new(References.Measure(annex, Int(m.Groups["t"]), Int(m.Groups["m"])), m.Index, m.Length, false);
            }
            else if (m.Groups["t"].Success)
            {
                yield return new(References.Task(annex, Int(m.Groups["t"])), m.Index, m.Length, false);
            }
            else
            {
                yield return new(string.Create(CultureInfo.InvariantCulture, $"附件{annex}"), m.Index, m.Length, true);
            }
        }
    }

    public static IEnumerable<DeadlineMention> FindDeadlines(string text)
    {
        const int y = Deadline.PlanYear;
        foreach (Match m in DeadlinePattern().Matches(text))
        {
            var dates = new List<DateOnly>();
            if (m.Groups["dm"].Success)
            {
                AddDate(dates, Int(m.Groups["dm"]), Int(m.Groups["dd"]));
            }
            else if (m.Groups["em"].Success)
            {
                var month = Int(m.Groups["em"]);
                if (month is >= 1 and <= 12)
                {
                    dates.Add(new DateOnly(y, month, DateTime.DaysInMonth(y, month)));
                }
            }
            else if (m.Groups["pa"].Success)
            {
                var (a, b) = (Int(m.Groups["pa"]), Int(m.Groups["pb"]));
                if (a is >= 1 and <= 12 && b is >= 1 and <= 12)
                {
                    dates.Add(new DateOnly(y, a, 1));
                    dates.Add(new DateOnly(y, b, DateTime.DaysInMonth(y, b)));
                }
            }
            else if (m.Groups["iso"].Success)
            {
                AddDate(dates, Int(m.Groups["im"]), Int(m.Groups["id"]));
            }
            else if (m.Groups["ye"].Success)
            {
                dates.Add(new DateOnly(y, 12, 31));
            }

            yield return new DeadlineMention(m.Value, m.Index, dates);
        }

        foreach (var phrase in DeadlinePhrases)
        {
            for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
            {
                yield return new DeadlineMention(phrase, at, []);
            }
        }
    }

    /// <summary>
    /// The numbers a text states, canonical ("35", "2.5", "15"), leaving out what is not a quantity: references,
    /// dates of deadlines and names with digits (PM2.5, NO2, O3). Chinese numerals count when they clearly are a
    /// quantity (十五, 三十五微克, 百分之十, 三天).
    /// </summary>
    public static IEnumerable<string> Numbers(string text)
    {
        var blanked = Blank(text);
        foreach (Match m in ArabicNumber().Matches(blanked))
        {
            if (double.TryParse(m.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                yield return value.ToString(CultureInfo.InvariantCulture);
            }
        }

        foreach (Match m in ChineseNumber().Matches(blanked))
        {
            if (ReadsAsQuantity(m) && ParseChinese(m.Groups["n"].Value) is { } value)
            {
                yield return value.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Replaces references, deadline dates and digit-bearing names with spaces so their digits are not read as quantities.</summary>
    public static string Blank(string text)
    {
        var chars = text.ToCharArray();
        foreach (var r in FindReferences(text))
        {
            Array.Fill(chars, ' ', r.Start, r.Length);
        }

        foreach (var d in FindDeadlines(text).Where(d => d.Dates.Count > 0))
        {
            Array.Fill(chars, ' ', d.Start, d.Surface.Length);
        }

        foreach (Match m in NameWithDigits().Matches(text))
        {
            Array.Fill(chars, ' ', m.Index, m.Length);
        }

        return new string(chars);
    }

    private static readonly char[] ChineseUnits = ['十', '百', '千', '万'];

    private static readonly char[] ChineseDigits = ['零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九'];

    private static bool ReadsAsQuantity(Match m)
    {
        var digits = m.Groups["n"].Value;
        return m.Groups["pct"].Success || m.Groups["unit"].Success
            || digits.Length >= 2 && digits.IndexOfAny(ChineseUnits) >= 0 && (digits[0] == '十' || digits.IndexOfAny(ChineseDigits) >= 0);
    }

    /// <summary>十五 → 15, 三十五 → 35, 一百二十 → 120, 两万 → 20000, 二〇二四 → 2024; null when it does not read as a number.</summary>
    internal static long? ParseChinese(string digits)
    {
        if (digits.IndexOfAny(ChineseUnits) < 0)
        {
            var plain = new StringBuilder(digits.Length);
            foreach (var c in digits)
            {
                plain.Append(DigitOf(c));
            }

            return plain.Length == 0 ? null : long.Parse(plain.ToString(), CultureInfo.InvariantCulture);
        }

        long total = 0, section = 0, digit = 0;
        foreach (var c in digits)
        {
            switch (c)
            {
                case '十' or '百' or '千':
                    section += (digit == 0 ? 1 : digit) * (c == '十' ? 10 : c == '百' ? 100 : 1000);
                    digit = 0;
                    break;
                case '万':
                    total = (total + section + digit) * 10_000;
                    section = digit = 0;
                    break;
                default:
                    digit = DigitOf(c);
                    break;
            }
        }

        return total + section + digit;
    }

    private static int DigitOf(char c) => c switch
    {
        '一' => 1, '二' or '两' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, _ => 0,
    };

    private static void AddDate(List<DateOnly> dates, int month, int day)
    {
        if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Deadline.PlanYear, month))
        {
            dates.Add(new DateOnly(Deadline.PlanYear, month, day));
        }
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"附件(?<a>\d)(?:(?:-|—|–|第)(?<t>\d{1,2})项?(?:(?:-|—|–|第)(?<m>\d{1,2})[条项个]?)?)?")]
    private static partial Regex ReferencePattern();

    // Optional year, then: a day (4月1日前/起), a month's end (4月底前), a span of months (6-9月, 6月至9月),
    // an ISO date (2024-12-31) or the year's end (年底前, 年内).
    [GeneratedRegex(@"(?:2024年)?(?:(?<dm>\d{1,2})月(?<dd>\d{1,2})日(?:前|之前|以前|起|以后)?|(?<em>\d{1,2})月(?:底|末)(?:前|之前|以前)?|(?<pa>\d{1,2})月?(?:-|—|–|~|至|到)(?<pb>\d{1,2})月(?:底|末)?|(?<iso>2024-(?<im>\d{1,2})-(?<id>\d{1,2}))|(?<ye>年底(?:前|之前|以前)?|年末|年内))")]
    private static partial Regex DeadlinePattern();

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex ArabicNumber();

    [GeneratedRegex(@"(?<pct>百分之)?(?<n>[零〇一二两三四五六七八九十百千万]+)(?<unit>微克|毫克|吨|辆|台|家|座|处|公里|千米|米|亩|天|个百分点|%)?")]
    private static partial Regex ChineseNumber();

    // PM2.5, PM10, NO2, O3, CO2 (texts are upper-cased by normalisation).
    [GeneratedRegex(@"[A-Z]+\d+(?:\.\d+)?")]
    private static partial Regex NameWithDigits();
}
