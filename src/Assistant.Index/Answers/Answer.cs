using Assistant.Index.Knowledge;

namespace Assistant.Index.Answers;

/// <summary>One measure an answer rests on, as the API and the channels show it.</summary>
public sealed record AnswerMatch(
    string Ref,
    string MeasureRef,
    int Annex,
    int Task,
    string TaskName,
    string Measure,
    string Deadline,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    bool SplitInferred,
    string? Note,
    string Role = "")
{
    public static AnswerMatch From(Measure m, string role = "") => new(
        m.TaskRef, m.Ref, m.Annex, m.Task, m.TaskName, m.Text, m.Deadline.Text, m.LeadUnits, m.CoUnits,
        m.SplitInferred, m.StaffNote, role);
}

/// <summary>A figure from the indicator tables or a measure, with where it comes from.</summary>
public sealed record Figure(string Name, string Value, string Unit, string Source);

/// <summary>
/// The answer engine's result: records first (matches, figures), and a short Chinese rendering of them.
/// Channels render the records; <see cref="Text"/> is the plain-text form.
/// </summary>
public sealed record Answer(
    Intent Intent,
    string Text,
    bool NoAnswer,
    IReadOnlyList<AnswerMatch> Matches,
    IReadOnlyList<Figure> Figures,
    ConversationContext Context,
    string? OutOfScope = null,
    bool Uncertain = false)
{
    /// <summary>
    /// High: the plan answers this. Low: the closest the plan comes (<see cref="Uncertain"/>: the text says so).
    /// None when there is no answer.
    /// </summary>
    public Understanding.Confidence? Confidence => NoAnswer ? null : Uncertain ? Understanding.Confidence.Low : Understanding.Confidence.High;

    /// <summary>
    /// Why the plan is no basis on purpose — another year, another place, legal advice, small talk — as opposed to
    /// "not found" (null), where a better reading of the question might still find one.
    /// </summary>
    public bool DeliberatelyOutOfScope => OutOfScope is not null;

    /// <summary>True when any unit split the answer relies on is a reading of the layout, not stated.</summary>
    public bool SplitInferred => Matches.Any(m => m.SplitInferred);
}

/// <summary>
/// What a follow-up ("那协办单位呢？", "那下个月呢？") resolves against: the previous answer's measures and subject, and
/// the rest of the conversation's frame (<see cref="Understanding.ConversationFrame"/>). The slots after
/// <paramref name="Street"/> were added later and are optional, so contexts stored before them still read.
/// </summary>
/// <param name="Topic">What the question was about, in the reader's words ("叉车 电动化").</param>
/// <param name="Period">The period asked, as the user said it ("本季度", "上半年"), read again on the next turn.</param>
/// <param name="Indicator">The figure asked in the indicator tables ("PM2.5", "优良天数比率").</param>
/// <param name="Asked">What was asked beyond the intent: "lead"/"co" for a duties list, "wording", "ongoing".</param>
public sealed record ConversationContext(
    Intent Intent,
    IReadOnlyList<string> MeasureRefs,
    string? Unit,
    string? Street,
    string? Topic = null,
    string? Period = null,
    string? Indicator = null,
    string? Asked = null)
{
    public static readonly ConversationContext Empty = new(Intent.None, [], null, null);

    /// <summary>Nothing a follow-up could resolve against.</summary>
    public bool IsEmpty => MeasureRefs.Count == 0 && Unit is null && Street is null && Period is null && Indicator is null;

    /// <summary>Value equality (the record's own compares the reference lists by reference).</summary>
    public bool SameAs(ConversationContext other) =>
        Intent == other.Intent && Unit == other.Unit && Street == other.Street && MeasureRefs.SequenceEqual(other.MeasureRefs)
        && Topic == other.Topic && Period == other.Period && Indicator == other.Indicator && Asked == other.Asked;
}
