using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Hosting;

/// <summary>The "Assistant" configuration section. Defaults are the embedded, offline set-up.</summary>
public sealed class AssistantOptions
{
    public const string Section = "Assistant";

    /// <summary>Where the server keeps its data (SQLite database, generated keys). Relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The knowledge folder; empty → found next to the app or above the current folder.</summary>
    public string? KnowledgeDirectory { get; set; }

    /// <summary>Longest question accepted, in characters.</summary>
    [Range(1, 10_000)]
    public int MaxQuestionLength { get; set; } = 1000;
}
