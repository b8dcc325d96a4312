using System.Text.RegularExpressions;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Understanding;

/// <summary>What one turn carries: names, a period, a topic, cue words, and which of the frame's slots it changes.</summary>
public sealed record FrameTurn(
    IReadOnlyList<Unit> Units,
    IReadOnlyList<Street> Streets,
    bool Pronoun,
    TimeWindow? Period,
    string Topic,
    bool TopicIsFigure,
    Intent? Cue,
    bool AsksLead,
    Aspect Aspect,
    bool Anaphora,
    Slot Changed,
    bool DistrictWide = false);

/// <summary>
/// Reads a turn against the conversation's frame. A complete question (a topic of its own and something asked about it)
/// starts a new frame; a short one that leans on the last answer ("那公交车呢", "那下个月呢", "换成牛街呢", "协办呢")
/// replaces the slot it names and keeps the others, by composing the complete question the user meant and reading that.
/// The decision is by the shape of the turn (its length, 那/这个/它/呢, whether it has a topic and an aspect), not by
/// known sentences.
/// </summary>
public sealed partial class FollowUps(QuestionReader reader, Gazetteer gazetteer, KnowledgeBase knowledge)
{
    /// <summary>A turn longer than this with a topic of its own is a new question even without a cue word.</summary>
    private const int ShortTurn = 8;

    // Words that only lean on the last answer; what is left of the topic after them is the new topic, if any.
    private static readonly string[] Leaning =
    [
        "换成", "换到", "换作", "改成", "改为", "换为", "如果是", "要是", "的话", "那么", "同样", "一样", "这边", "那边", "情况",
        // "再问头仨月的": asking again is no topic.
        "再问问", "再问一下", "再问", "还想问", "顺便问",
        "分别", "那片儿", "这片儿", "那片", "这片", "片儿", "那一带", "一带", "附近",
        // The district as a whole ("全区的呢" after a street's figure): a place, said by DistrictWide, not a topic.
        "全区", "全西城", "整个西城", "西城区", "区里", "区级",
        // Nouns that only name an aspect ("截止时间呢", "完成日期"): no topic of their own.
        "时间", "时候", "日期", "期限", "节点", "单位", "部门", "要求", "内容", "情况",
    ];

    /// <summary>附件6's keywords (the things its figures are of), longest first.</summary>
    private readonly string[] _targetKeywords = knowledge.Plan.DistrictTargets.SelectMany(t => t.Keywords).Select(ChineseText.Normalize)
        .Distinct(StringComparer.Ordinal).OrderByDescending(k => k.Length).ToArray();

    private readonly HashSet<string> _figureWords = knowledge.Plan.DistrictTargets.SelectMany(t => t.Keywords)
        .Concat(["PM2.5", "PM25", "浓度", "优良", "天数", "重污染", "空气", "颗粒物", "目标", "指标"])
        .Select(ChineseText.Normalize).ToHashSet(StringComparer.Ordinal);

    /// <summary>The question as the frame completes it (or unchanged when it is a new question).</summary>
    public Question Resolve(Question q, ConversationContext? context)
    {
        var aspect = Aspects.Of(q.Normalized);
        if (aspect != Aspect.AsIntent)
        {
            q = q with { Aspect = aspect };
        }

        // A year is a slot the frame does not hold: "那2025年的目标呢" is left to the year rules.
        if (context is null || context.IsEmpty || q.Reference is not null || q.OutOfScope is not null || Year().IsMatch(q.Normalized))
        {
            return q;
        }

        var frame = ConversationFrame.Of(context);
        var turn = Read(q, frame);
        var complete = turn.Topic.Length > 0 && (turn.Cue is not null || turn.Aspect != Aspect.AsIntent || (!turn.Anaphora && q.Normalized.Length > ShortTurn));
        if (complete)
        {
            // "那控制全区用多少水的呢": a topic and a question of its own. Search it (the last answer's measures first,
            // when they hold the topic) rather than take the last answer for granted.
            return q.IsFollowUp && turn.Cue is not null && q.Intent is not Intent.Duties ? q with { IsFollowUp = false } : q;
        }

        if (turn.Changed == Slot.None)
        {
            return q;
        }

        if (frame.Kind == FrameKind.Measures && turn.Changed == Slot.Aspect)
        {
            // "原文呢", "是长期的吗", "截止时间呢": the same measures, another aspect.
            return q with
            {
                IsFollowUp = true,
                Intent = turn.Aspect switch
                {
                    Aspect.Ongoing => Intent.Deadline,
                    Aspect.Wording => Intent.Search,
                    _ => turn.Cue is Intent.Duties or null ? q.Intent : turn.Cue.Value,
                },
                Topic = frame.Topic ?? "",
            };
        }

        // "今年要换多少台" asks a number of the measure, not when: only a turn that asks nothing else is a deadline check.
        if (frame.Kind == FrameKind.Measures && (turn.Changed & ~Slot.Aspect) == Slot.Period && turn.Cue is null or Intent.Deadline)
        {
            // "这个月能完成吗" after a measure: its deadline, checked against that period.
            return q with { IsFollowUp = true, Intent = Intent.Deadline, Time = turn.Period, Topic = frame.Topic ?? "" };
        }

        // "氮氧化物工程减排要减多少吨" → "VOCs呢": the same kind of figure for another thing — the last figure's words
        // without the thing it named, with the new thing in its place.
        if (frame.Kind == FrameKind.Figures && frame.Indicator is { } figure && turn.Topic.Length > 0 && !turn.TopicIsFigure
            && turn.Units.Count == 0 && turn.Streets.Count == 0 && turn.Period is null && turn.Cue is null or Intent.Indicator)
        {
            var kind = _targetKeywords.Aggregate(figure, (left, keyword) => left.Replace(keyword, "", StringComparison.Ordinal));
            if (kind.Count(ChineseText.IsCjk) >= 2 && kind.Length < figure.Length)
            {
                var same = reader.Read($"{turn.Topic}{kind}多少");
                if (same.OutOfScope is null)
                {
                    return same with { Aspect = q.Aspect };
                }
            }
        }

        var composed = frame.Compose(turn);
        if (composed is null)
        {
            return q;
        }

        // Read as a question of its own: it is complete, and the reader's own follow-up rules must not read it again.
        var read = reader.Read(composed);
        return read.OutOfScope is null ? read with { Aspect = q.Aspect } : q;
    }

    /// <summary>
    /// A new topic that found nothing alone, read together with the frame's topic ("马路边大伙儿用的" + "充电桩"): the
    /// turn may describe the same thing more narrowly. Null when the turn did not change the topic.
    /// </summary>
    public Question? Widen(Question q, ConversationContext? context)
    {
        if (context is null || context.IsEmpty || context.Topic is null || q.Reference is not null || q.OutOfScope is not null)
        {
            return null;
        }

        var frame = ConversationFrame.Of(context);
        var turn = Read(q, frame);
        if (!turn.Changed.HasFlag(Slot.Topic) || turn.Cue is not null || frame.Kind is not (FrameKind.Measures or FrameKind.Figures)
            || context.Topic.Contains(turn.Topic, StringComparison.Ordinal))
        {
            return null;
        }

        var composed = (frame with { Intent = frame.Kind == FrameKind.Figures ? Intent.Indicator : frame.Intent, Street = null, Indicator = null })
            .Compose(turn with { Topic = $"{turn.Topic} {context.Topic}" });
        return composed is null ? null : reader.Read(composed) with { Aspect = q.Aspect };
    }

    /// <summary>The answer with its context completed by the frame's other slots, for the next turn.</summary>
    public static Answer Remember(Question q, Answer answer, ConversationContext? previous)
    {
        var c = answer.Context;
        if (answer.Intent == Intent.None || (c.IsEmpty && c.Intent == Intent.None))
        {
            return answer;
        }

        var topic = q.Topic.Length > 0 ? q.Topic : (q.IsFollowUp ? previous?.Topic : null);
        // Figures from the street table (the context names the street) or from 附件6.
        var figures = answer.Intent == Intent.Indicator && (c.Street is not null || answer.Figures.Any(f => f.Source == "附件6"));
        // The reader takes "一季度" next to PM2.5 for the table's column rather than a period: it is still the period asked.
        var period = answer.Intent is Intent.Duties || figures
            ? (q.Time is { } window ? PlanCalendar.Name(window) : null) ?? (figures && q.AsksQ1 ? "一季度" : null)
            : null;
        var asked = q.Aspect switch
        {
            Aspect.Wording => "wording",
            Aspect.Ongoing => "ongoing",
            _ when answer.Intent == Intent.Duties && q.AsksLeadOnly => "lead",
            _ when answer.Intent == Intent.Duties && q.AsksCoOnly => "co",
            _ => null,
        };
        var indicator = figures ? FigureName(topic) ?? previous?.Indicator : null;
        return answer with { Context = c with { Topic = NullIfEmpty(topic), Period = period, Indicator = indicator, Asked = asked } };
    }

    private FrameTurn Read(Question q, ConversationFrame frame)
    {
        var text = gazetteer.ToPlanVocabulary(q.Normalized);
        var mentions = gazetteer.Find(text);
        var units = mentions.Where(m => m.Unit is not null).Select(m => m.Unit!).Distinct().ToList();
        var named = mentions.Where(m => m.Street is not null && !m.IsPlace).Select(m => m.Street!).Distinct().ToList();
        var streets = named.Count > 0 ? named : mentions.Where(m => m.Street is not null).Select(m => m.Street!).Distinct().ToList();
        var period = q.Time ?? PlanCalendar.WholeYear(text);
        // Whether there is a topic is judged on the reader's topic (content words only); the words themselves are taken
        // from the text, since the reader drops single characters that belong to a name (清|管|行动 loses 管).
        var topic = Residual(q.Topic);
        if (topic.Length > 0 && Said(text, mentions, period) is { Length: >= 2 } said)
        {
            topic = said;
        }

        var cue = QuestionReader.CueIntent(text);
        var aspect = q.Aspect;
        var changed = Slot.None;
        if (units.Count > 0 && units[0].Name != frame.Unit) changed |= Slot.Unit;
        if (streets.Count > 0 && streets[0].Name != frame.Street) changed |= Slot.Street;
        // "全区的呢" after a street's figure: the street slot changes to the district as a whole.
        var districtWide = streets.Count == 0 && DistrictWords().IsMatch(text);
        if (districtWide && frame.Street is not null) changed |= Slot.Street;
        if (period is not null) changed |= Slot.Period;
        if (topic.Length > 0) changed |= Slot.Topic;
        if (cue is not null || aspect != Aspect.AsIntent) changed |= Slot.Aspect;
        return new FrameTurn(
            units,
            streets,
            Pronoun().IsMatch(q.Normalized),
            period,
            topic,
            topic.Length > 0 && _figureWords.Any(w => topic.Contains(w, StringComparison.Ordinal)),
            cue,
            (text.Contains("牵头", StringComparison.Ordinal) || text.Contains("主责", StringComparison.Ordinal)) && !text.Contains('谁', StringComparison.Ordinal),
            aspect,
            Anaphora().IsMatch(q.Normalized),
            changed,
            districtWide);
    }

    /// <summary>The text less names, the period and the words at either end that lean on the last answer (那…呢).</summary>
    private static string Said(string text, IReadOnlyList<Mention> mentions, TimeWindow? period)
    {
        var rest = text;
        foreach (var m in mentions.OrderByDescending(m => m.Start))
        {
            rest = rest.Remove(m.Start, m.Surface.Length);
        }

        if (period is not null)
        {
            rest = rest.Replace(period.Surface, "", StringComparison.Ordinal);
        }

        foreach (var word in Leaning)
        {
            rest = rest.Replace(word, "", StringComparison.Ordinal);
        }

        rest = LeadingWords().Replace(rest, "");
        return TrailingWords().Replace(rest, "").Trim();
    }

    /// <summary>The topic less the words that only lean on the last answer and the aspect cues; empty when nothing is left.</summary>
    private static string Residual(string topic)
    {
        var parts = new List<string>();
        foreach (var part in topic.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = part;
            foreach (var cue in Aspects.Cues.Concat(Leaning))
            {
                rest = rest.Replace(cue, "", StringComparison.Ordinal);
            }

            if (rest.Count(ChineseText.IsCjk) >= 2 || rest.Any(char.IsAsciiLetter))
            {
                parts.Add(rest);
            }
        }

        return string.Join(" ", parts);
    }

    /// <summary>The figure a table question named ("PM2.5", "优良天数比率"), without the district or period words.</summary>
    private static string? FigureName(string? topic)
    {
        if (topic is null)
        {
            return null;
        }

        var name = NotFigure().Replace(topic, "").Trim();
        return name.Length == 0 ? null : name;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    [GeneratedRegex(@"^(?:那|这|它|该|其|换|改|要是|如果|还有)|呢")]
    private static partial Regex Anaphora();

    // Not 其它 ("other"), which holds 它.
    [GeneratedRegex(@"(?<!其)它|他们|该单位|该部门|这个单位|这个部门|这家单位|该街道|这个街道")]
    private static partial Regex Pronoun();

    [GeneratedRegex(@"^(?:[\s\p{P}]|那么|那|这个|这|还有|如果|要是|是)+")]
    private static partial Regex LeadingWords();

    [GeneratedRegex(@"(?:[\s\p{P}]|的呢|呢|的|吗|啊|呀|吧|嘛)+$")]
    private static partial Regex TrailingWords();

    [GeneratedRegex(@"全区|全西城|整个西城|西城区|区里|区级")]
    private static partial Regex DistrictWords();

    [GeneratedRegex(@"20\d\d")]
    private static partial Regex Year();

    [GeneratedRegex(@"全区|全西城|区级|全年|一季度|第一季度|\s+")]
    private static partial Regex NotFigure();
}
