using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Index.Understanding;

/// <summary>
/// The figures a text names (100万, 45%, 2.9万, 12), written the plan's way whether said in digits or in Chinese
/// numerals (一百万平米 → 100万, 百分之四十五 → 45%). A figure of the plan's belongs to one or two measures, so a question
/// that names it ("那一百万平米的活儿") has named its measure, however it describes the rest.
/// </summary>
public static partial class PlanFigures
{
    /// <summary>The distinctive figures of a text: years and bare numbers below 10 (国四, 一路一策) say nothing about which measure.</summary>
    public static IReadOnlySet<string> In(string normalizedText)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Digits().Matches(normalizedText))
        {
            Add(found, m.Groups["n"].Value, m.Groups["u"].Value);
        }

        foreach (Match m in ChineseNumber().Matches(normalizedText))
        {
            var percent = m.Groups["pct"].Success;
            var unit = m.Groups["u"].Value;
            var words = m.Groups["n"].Value;
            // A lone 一 or 三 is a word's part (一季度, 三包); 十, 百, 千 or a following 万 make it a number.
            if (!percent && unit.Length == 0 && words.IndexOfAny(['十', '百', '千']) < 0)
            {
                continue;
            }

            if (Value(words) is { } value)
            {
                Add(found, value.ToString(CultureInfo.InvariantCulture), percent ? "%" : unit);
            }
        }

        return found;
    }

    private static void Add(HashSet<string> found, string number, string unit)
    {
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return;
        }

        var isYear = unit.Length == 0 && value is >= 1900 and <= 2100 && !number.Contains('.', StringComparison.Ordinal);
        if (isYear || (unit.Length == 0 && value < 10))
        {
            return;
        }

        found.Add(number + unit);
    }

    /// <summary>一百 → 100, 四十五 → 45, 十二 → 12, 两千 → 2000; null when the characters are not one number.</summary>
    private static long? Value(string words)
    {
        long total = 0, digit = 0;
        var any = false;
        foreach (var c in words)
        {
            var d = "零一二三四五六七八九".IndexOf(c, StringComparison.Ordinal);
            if (c == '两')
            {
                d = 2;
            }

            if (d >= 0)
            {
                digit = d;
                any = true;
                continue;
            }

            var place = c switch { '十' => 10, '百' => 100, '千' => 1000, _ => 0 };
            if (place == 0)
            {
                return null;
            }

            total += (digit == 0 && place == 10 ? 1 : digit) * place;
            digit = 0;
            any = true;
        }

        return any ? total + digit : null;
    }

    [GeneratedRegex(@"(?<![\d.])(?<n>\d+(?:\.\d+)?)(?<u>万|亿|%|‰)?(?![\d.]|月|日|号|点|时|年|季|个月|周|天|五)")]
    private static partial Regex Digits();

    [GeneratedRegex(@"(?<pct>百分之)?(?<n>[零一二两三四五六七八九十百千]+)(?<u>万|亿)?(?![零一二两三四五六七八九十百千]|月|日|号|点|时|年|季|个月|周|天)")]
    private static partial Regex ChineseNumber();
}
