using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Hosting;

/// <summary>The "Assistant" configuration section. Defaults are the embedded, offline set-up.</summary>
public sealed class AssistantOptions
{
    public const string Section = "Assistant";

    /// <summary>Where the server keeps its data (SQLite database, generated keys). Relative to the current directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The knowledge folder; empty → found next to the app or above the current folder.</summary>
    public string? KnowledgeDirectory { get; set; }

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(1, 10_000)]
    public int MaxQuestionLength { get; set; } = 1000;

    /// <summary>
    /// The operators' API key (X-Api-Key; also logs in to the operator page). Empty → one is generated on first start,
    /// kept in the data folder (operator-key.txt) and logged once with the login URL.
    /// </summary>
    public string? OperatorApiKey { get; set; }

    /// <summary>An API key for staff (duty lookups and the month's figures, without the anonymous rate limits); empty → none.</summary>
    public string? StaffApiKey { get; set; }

    /// <summary>An API key for admins (everything operators may do); empty → none.</summary>
    public string? AdminApiKey { get; set; }
}
