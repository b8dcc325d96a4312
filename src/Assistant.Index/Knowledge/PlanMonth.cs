using System.Globalization;

namespace Assistant.Index.Knowledge;

/// <summary>
/// Months of the plan year (2024) as the API writes them, yyyy-MM. The plan is for one year while staff live in the
/// present: "this month" is today's month number in the plan's time zone (Asia/Shanghai), in the plan year — so on
/// 3 December 2026 (Beijing) it is 2024-12.
/// </summary>
public static class PlanMonth
{
    /// <summary>Beijing time, fixed +8 (no daylight saving since 1991): the same on every machine, tz database or not.</summary>
    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(8);

    public static string Format(int month) => $"{Deadline.PlanYear}-{month:00}";

    /// <summary>The plan month today falls in (see the type's summary).</summary>
    public static int Current(DateTimeOffset now) => now.ToOffset(UtcOffset).Month;

    /// <summary>
    /// yyyy-MM of the plan year → its month number; empty → true with null. Another year, or anything else, → false.
    /// </summary>
    public static bool TryParse(string? text, out int? month)
    {
        month = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year != Deadline.PlanYear)
        {
            return false;
        }

        month = date.Month;
        return true;
    }

    /// <summary>True when a measure is overdue in <paramref name="currentMonth"/>: its due month has passed (and it is not done).</summary>
    public static bool IsPastDue(Measure measure, int currentMonth) =>
        measure.Deadline.DueMonth is { } due && due < currentMonth;
}
