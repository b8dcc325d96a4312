using System.ComponentModel.DataAnnotations;
using Assistant.Index.Hotline;

namespace Assistant.Bot.Hotline;

/// <summary>
/// The "Hotline" section. The time limits are the hotline centre's own service defaults, not figures from the plan
/// or a law: set them to the centre's rules. The draft quotes them and nothing else.
/// </summary>
public sealed class HotlineOptions
{
    public const string Section = "Hotline";

    /// <summary>Hours within which the handling unit contacts the caller.</summary>
    [Range(1, 720)]
    public int ContactWithinHours { get; set; } = 24;

    /// <summary>Days within which the handling unit reports back on the complaint.</summary>
    [Range(1, 365)]
    public int ResolveWithinDays { get; set; } = 15;

    /// <summary>Longest complaint accepted, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxComplaintLength { get; set; } = 5000;

    /// <summary>Longest reply draft an operator may save, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxDraftLength { get; set; } = 20_000;

    /// <summary>The hotline's clock for dates, filters and monthly statistics (Beijing: +8, no daylight saving).</summary>
    [Range(-12, 14)]
    public int UtcOffsetHours { get; set; } = 8;

    public DraftTerms Terms => new(ContactWithinHours, ResolveWithinDays);

    public TimeSpan UtcOffset => TimeSpan.FromHours(UtcOffsetHours);
}
