using System.Text;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>The lines an answer gains from the frame: how a period was read, what has no due date, the wording in full.</summary>
public static class FrameAnswers
{
    /// <summary>"按2024年计划，本季度指10—12月。" for a period relative to today.</summary>
    public static void AppendReading(StringBuilder sb, TimeWindow? time)
    {
        if (time?.Reading is { } reading)
        {
            sb.Append(reading).Append("。\n");
        }
    }

    /// <summary>
    /// Measures with no due date (长期实施, 按时间节点完成, 持续推进, 4月1日起) never fall due in a period, but they are
    /// work in that period too: named apart, never dropped silently.
    /// </summary>
    public static void AppendUndated(StringBuilder sb, string subject, IReadOnlyCollection<Measure> undated)
    {
        if (undated.Count == 0)
        {
            return;
        }

        var kinds = undated.GroupBy(m => m.Deadline.Text, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count()} 项");
        sb.Append("另有").Append(subject).Append(' ').Append(undated.Count).Append(" 项措施没有到期日（").AppendJoin("、", kinds)
          .Append("），不按期间列出：").AppendJoin("、", undated.Select(m => m.Ref)).Append("。\n");
    }

    /// <summary>True for a measure whose deadline is no date in the year.</summary>
    public static bool IsUndated(Measure m) => m.Deadline.Kind is DeadlineKind.Ongoing or DeadlineKind.Milestones or DeadlineKind.From;

    /// <summary>
    /// A figure asked for a period the tables do not have ("那上半年呢" after a street's PM2.5): say so, then give what
    /// they have. Null when the period is the whole year, or the first quarter of a table that has it.
    /// </summary>
    public static string? FigurePeriodNote(TimeWindow? time, bool tableHasFirstQuarter)
    {
        if (time is null || PlanCalendar.IsWholeYear(time) || (tableHasFirstQuarter && PlanCalendar.IsFirstQuarter(time)))
        {
            return null;
        }

        var reading = time.Reading is null ? "" : $"（{time.Reading}）";
        return tableHasFirstQuarter
            ? $"计划只给出全年和一季度的目标，没有“{time.Surface}”{reading}的目标；以下是计划中的全年和一季度目标：\n"
            : $"计划没有按“{time.Surface}”{reading}分解这项目标；以下是计划中的数字：\n";
    }

    /// <summary>The measure's wording in full, with its units and deadline ("原文呢").</summary>
    public static void AppendWording(StringBuilder sb, Measure m)
    {
        sb.Append("原文（").Append(m.Citation).Append("，").Append(m.Ref).Append("）：“").Append(m.Text).Append("”\n")
          .Append("主责单位：").Append(AnswerEngine.Units(m.LeadUnits)).Append("；协办单位：").Append(AnswerEngine.Units(m.CoUnits))
          .Append("；完成时限：").Append(m.Deadline.Text).Append("。\n");
    }

    /// <summary>"是长期的吗": yes or no from the deadline as the plan writes it.</summary>
    public static void AppendOngoing(StringBuilder sb, Measure m)
    {
        sb.Append(m.Ref).Append(m.Deadline.Kind switch
        {
            DeadlineKind.Ongoing => $"：是，完成时限为“{m.Deadline.Text}”，没有截止日期。\n",
            DeadlineKind.Milestones => $"：完成时限为“{m.Deadline.Text}”，按各阶段的时间节点推进，计划没有写统一的截止日期。\n",
            DeadlineKind.From => $"：自{m.Deadline.Text.Replace("起", "", StringComparison.Ordinal)}起执行，之后持续执行。\n",
            _ => $"：不是长期任务，完成时限为“{m.Deadline.Text}”。\n",
        });
    }

    /// <summary>"这个月能完成吗" after a measure: whether its deadline falls in that period.</summary>
    public static void AppendWindowCheck(StringBuilder sb, Measure m, TimeWindow window)
    {
        AppendReading(sb, window);
        sb.Append(m.Ref).Append("：完成时限为“").Append(m.Deadline.Text).Append("”，")
          .Append(IsUndated(m) ? "没有到期日。" : window.Includes(m.Deadline) ? $"在{window.Surface}内到期。" : $"不在{window.Surface}内到期。")
          .Append('\n');
    }
}
