using Assistant.Index.Answers;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>What a conversation is about after an answer, slot by slot. A follow-up changes one slot and keeps the rest.</summary>
[Flags]
public enum Slot
{
    None = 0,
    Period = 1,
    Street = 2,
    Unit = 4,
    Topic = 8,
    Aspect = 16,
}

/// <summary>Which kind of answer the frame holds, and so what a changed slot means.</summary>
public enum FrameKind
{
    None,
    /// <summary>Measures (who leads, co-operates, by when, the wording): a new topic is searched, asked the same way.</summary>
    Measures,
    /// <summary>A unit's or a street's list of duties, or what falls due in a period.</summary>
    Duties,
    /// <summary>Figures from the street table or 附件6: another street, period or figure reads the same table.</summary>
    Figures,
}

/// <summary>
/// A conversation's frame: the aspect asked (lead, co, deadline, wording, duties, indicator), the measures answered, the
/// unit, street, period, indicator and topic. It is stored as the <see cref="ConversationContext"/> of the last answer.
/// </summary>
public sealed record ConversationFrame(
    Intent Intent,
    string? Asked,
    IReadOnlyList<string> MeasureRefs,
    string? Unit,
    string? Street,
    string? Period,
    string? Indicator,
    string? Topic)
{
    public static ConversationFrame Of(ConversationContext c) =>
        new(c.Intent, c.Asked, c.MeasureRefs, c.Unit, c.Street, c.Period, c.Indicator, c.Topic);

    public FrameKind Kind => Intent switch
    {
        Intent.Duties => FrameKind.Duties,
        // Indicator is set only for figures from the street table or 附件6 (measures quoted next to them do not count).
        Intent.Indicator when Street is not null || Indicator is not null => FrameKind.Figures,
        _ when MeasureRefs.Count > 0 => FrameKind.Measures,
        _ => FrameKind.None,
    };

    /// <summary>
    /// The complete question this frame asks with <paramref name="turn"/>'s slots put in, in words the question reader
    /// reads like any other ("区交通委本季度负责哪些任务"); null when the turn changes nothing this frame can hold.
    /// </summary>
    public string? Compose(FrameTurn turn)
    {
        var period = turn.Period is { } window ? PlanCalendar.Name(window) : Period ?? "";
        switch (Kind)
        {
            case FrameKind.Figures:
            {
                // Another street, period or figure of the same tables. Asking who or when ("那这个是谁牵头") is about the
                // measures; another topic ("那仓库叉车呢") is that topic's figure.
                if (turn.Units.Count > 0 || turn.Cue is not (null or Intent.Indicator))
                {
                    return null;
                }

                if (turn.Topic.Length > 0 && !turn.TopicIsFigure)
                {
                    return turn.Cue is null && turn.Streets.Count == 0 && turn.Period is null ? turn.Topic + "多少" : null;
                }

                var place = turn.Streets.FirstOrDefault()?.Name ?? (turn.DistrictWide ? "全区" : Street) ?? "全区";
                var figure = turn.Topic.Length > 0 ? turn.Topic : Indicator ?? "空气质量";
                return $"{place}{figure}{period}目标是多少";
            }

            case FrameKind.Duties:
            {
                if (turn.Cue is Intent.Deadline or Intent.Lead && turn.Changed == Slot.Aspect)
                {
                    // "它们什么时候到期", "谁牵头": about the measures just listed, not another list.
                    return null;
                }

                var subject = turn.Units.FirstOrDefault()?.Name ?? turn.Streets.FirstOrDefault()?.Name
                    ?? (turn.Pronoun || !turn.Changed.HasFlag(Slot.Unit) && !turn.Changed.HasFlag(Slot.Street) ? Unit ?? Street : null) ?? "";
                var topic = turn.Changed.HasFlag(Slot.Topic) ? turn.Topic : Topic ?? "";
                // "这个月到期的呢" after a unit's supporting duties: only the period changes, so the role asked stays.
                var onlyPeriod = turn.Cue == Intent.Duties && turn.Changed.HasFlag(Slot.Period)
                    && (turn.Changed & (Slot.Unit | Slot.Street | Slot.Topic)) == 0;
                var role = turn.Cue switch
                {
                    Intent.Co => "协办",
                    _ when turn.AsksLead => "牵头",
                    not null when !onlyPeriod => "负责",
                    _ => Asked switch { "co" => "协办", "lead" => "牵头", _ => "负责" },
                };
                if (subject.Length == 0)
                {
                    return period.Length == 0 ? null : $"{period}有哪些{topic}任务到期";
                }

                return $"{subject}{period}{role}哪些{topic}任务";
            }

            case FrameKind.Measures:
            {
                if (turn.Streets.Count > 0 && turn.Units.Count == 0 && Intent == Intent.Indicator && !turn.Changed.HasFlag(Slot.Topic))
                {
                    // "那椿树街道呢" after a district figure answered from a measure: that street's figure.
                    return $"{turn.Streets[0].Name}{Topic}{period}目标是多少";
                }

                if (turn.Units.Count > 0 || turn.Streets.Count > 0)
                {
                    // "那区市场监管局呢" after "餐饮油烟归谁管": what that unit (or street) does on this topic.
                    var who = turn.Units.FirstOrDefault()?.Name ?? turn.Streets[0].Name;
                    return $"{who}负责哪些{(turn.Topic.Length > 0 ? turn.Topic : Topic)}任务";
                }

                if (!turn.Changed.HasFlag(Slot.Topic))
                {
                    return null;
                }

                // "那公交车呢" after "公务用车谁牵头": the new topic, asked the same way.
                return turn.Topic + (turn.Cue ?? Intent) switch
                {
                    // Short cue words: the composed question stays about as long as the user's own.
                    Intent.Lead => "谁牵头",
                    Intent.Co => "谁配合",
                    Intent.Deadline => "何时完成",
                    Intent.Indicator => "多少",
                    _ => "",
                };
            }

            default:
                return null;
        }
    }
}
