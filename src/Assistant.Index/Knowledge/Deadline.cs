using System.Globalization;
using System.Text.RegularExpressions;

namespace Assistant.Index.Knowledge;

public enum DeadlineKind
{
    /// <summary>Due by a date (年底前, 4月底前).</summary>
    By,
    /// <summary>A period within the year (6-9月).</summary>
    Period,
    /// <summary>In force from a date on (4月1日起).</summary>
    From,
    /// <summary>No end date (长期实施, 持续推进).</summary>
    Ongoing,
    /// <summary>Due per the milestones set elsewhere (按时间节点完成).</summary>
    Milestones,
}

/// <summary>A 完成时限 cell, verbatim, with its reading as a date range in the plan year.</summary>
public sealed partial record Deadline(string Text, DeadlineKind Kind, DateOnly? From, DateOnly? By)
{
    public const int PlanYear = 2024;

    /// <summary>No month of the plan year to put it in: 长期实施, 持续推进, 按时间节点完成. Listed apart, never dropped.</summary>
    public bool OpenEnded => Kind is DeadlineKind.Ongoing or DeadlineKind.Milestones;

    /// <summary>
    /// The month it falls due in (年底前 → 12, 4月底前 → 4, 6-9月 → 9); null when it has no end (open-ended, or 4月1日起).
    /// </summary>
    public int? DueMonth => Kind is DeadlineKind.By or DeadlineKind.Period ? By?.Month : null;

    /// <summary>
    /// The months of the plan year the measure occupies on a timeline: its due month; a period's months (6-9月 → 6..9);
    /// from a start on, the rest of the year (4月1日起 → 4..12); none for open-ended ones.
    /// </summary>
    public (int First, int Last)? Months => Kind switch
    {
        DeadlineKind.By => (By!.Value.Month, By.Value.Month),
        DeadlineKind.Period => (From!.Value.Month, By!.Value.Month),
        DeadlineKind.From => (From!.Value.Month, 12),
        _ => null,
    };

    /// <summary>True when its months overlap months [first, last] of the plan year.</summary>
    public bool OverlapsMonths(int first, int last) => Months is { } m && m.First <= last && m.Last >= first;

    /// <summary>True when the measure falls due (its end date) within [from, to].</summary>
    public bool DueWithin(DateOnly from, DateOnly to) =>
        Kind is DeadlineKind.By or DeadlineKind.Period && By is { } by && by >= from && by <= to;

    public static Deadline Parse(string text)
    {
        var t = text.Trim();
        var y = PlanYear;
        if (t.Contains("年底前", StringComparison.Ordinal) || t is "年内" or "全年")
        {
            return new(t, DeadlineKind.By, null, new DateOnly(y, 12, 31));
        }

        if (MonthEnd().Match(t) is { Success: true } me)
        {
            var month = Int(me.Groups[1]);
            return new(t, DeadlineKind.By, null, new DateOnly(y, month, DateTime.DaysInMonth(y, month)));
        }

        if (DayBefore().Match(t) is { Success: true } db)
        {
            return new(t, DeadlineKind.By, null, new DateOnly(y, Int(db.Groups[1]), Int(db.Groups[2])));
        }

        if (DayFrom().Match(t) is { Success: true } df)
        {
            return new(t, DeadlineKind.From, new DateOnly(y, Int(df.Groups[1]), Int(df.Groups[2])), null);
        }

        if (MonthRange().Match(t) is { Success: true } mr)
        {
            var m1 = Int(mr.Groups[1]);
            var m2 = Int(mr.Groups[2]);
            return new(t, DeadlineKind.Period, new DateOnly(y, m1, 1), new DateOnly(y, m2, DateTime.DaysInMonth(y, m2)));
        }

        if (t.Contains("时间节点", StringComparison.Ordinal) || t.Contains("按计划", StringComparison.Ordinal))
        {
            return new(t, DeadlineKind.Milestones, null, null);
        }

        if (t.Contains("长期", StringComparison.Ordinal) || t.Contains("持续", StringComparison.Ordinal))
        {
            return new(t, DeadlineKind.Ongoing, null, null);
        }

        throw new FormatException($"Unrecognised 完成时限 '{text}'");
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d{1,2})月底前?$")]
    private static partial Regex MonthEnd();

    [GeneratedRegex(@"^(\d{1,2})月(\d{1,2})日前$")]
    private static partial Regex DayBefore();

    [GeneratedRegex(@"^(\d{1,2})月(\d{1,2})日起")]
    private static partial Regex DayFrom();

    [GeneratedRegex(@"^(\d{1,2})[-－—至](\d{1,2})月")]
    private static partial Regex MonthRange();
}
