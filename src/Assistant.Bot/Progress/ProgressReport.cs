using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Progress;

/// <summary>The statuses a monthly report may give a measure (按月报送).</summary>
public static class ProgressStatus
{
    public const string NotStarted = "未启动";
    public const string InProgress = "推进中";
    public const string Done = "已完成";
    public const string Ongoing = "长期推进";
    public const string Behind = "滞后";

    public static readonly IReadOnlyList<string> All = [NotStarted, InProgress, Done, Ongoing, Behind];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);
}

/// <summary>What a unit writes about one measure for one month.</summary>
public sealed record ProgressEntry(
    string Month, string MeasureRef, string Unit, string Status, string Progress, string? NextSteps, string? Problems, bool Submitted);

/// <summary>
/// A unit's report on a measure for a month as stored: the latest revision, with who saved it and when. <c>Submitted</c>
/// false is a draft the unit is still writing (the page saves one before submitting); only submitted reports count.
/// </summary>
public sealed record ProgressReport(
    string Month, string MeasureRef, string Unit, string Status, string Progress, string? NextSteps, string? Problems,
    bool Submitted, int Revision, string ReportedBy, DateTimeOffset ReportedAt);

public enum ProgressSaveOutcome
{
    Saved,

    /// <summary>The report changed since the caller read it (revision mismatch), or the caller expected a report that is not there.</summary>
    Stale,
}

/// <summary>The "Assistant:Progress" section.</summary>
public sealed class ProgressOptions
{
    public const string Section = "Assistant:Progress";

    /// <summary>The unit the plan says every unit reports to (按月向区生态环境局报送): it reads every unit's reports.</summary>
    [Required]
    public string CoordinatorUnit { get; set; } = "区生态环境局";

    /// <summary>Day of the month on which Teams reminders go out.</summary>
    [Range(1, 28)]
    public int ReminderDay { get; set; } = 25;

    /// <summary>
    /// How often an instance checks the database for split corrections approved on another instance (its own approvals
    /// apply at once), in seconds; 0 turns the check off.
    /// </summary>
    [Range(0, 86_400)]
    public int SplitRefreshSeconds { get; set; } = 60;

    /// <summary>Longest 进展情况 / 下步计划 / 存在问题 text, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>
    /// Who belongs to which unit: unit name → principals (OIDC user object ids, group ids or app role names; Teams users
    /// by their Entra object id). E.g. <c>Assistant:Progress:Units:区城市管理委:0 = 5b0c…</c>.
    /// </summary>
    public Dictionary<string, string[]> Units { get; set; } = new(StringComparer.Ordinal);
}
