using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Ai;

// What the plugins return to a model: compact records, the plan's wording verbatim. Every string in them counts as
// evidence for the grounding check, so none of them echoes the caller's input or gives made-up examples.

/// <summary>A 工作措施 row: reference, task, wording, deadline and units as the plan writes them.</summary>
public sealed record MeasureRecord(
    string Ref,
    string Task,
    string Text,
    string Deadline,
    IReadOnlyList<string> LeadUnits,
    IReadOnlyList<string> CoUnits,
    bool SplitInferred,
    string? Note)
{
    public static MeasureRecord From(Measure m) =>
        new(m.Ref, m.TaskName, m.Text, m.Deadline.Text, m.LeadUnits, m.CoUnits, m.SplitInferred, m.SplitInferred ? m.StaffNote : null);
}

public sealed record MeasureSearch(IReadOnlyList<MeasureRecord> Measures, string? Message);

/// <summary>A task (附件1-15) with its measures, or one measure (附件1-15-1) with its task's name.</summary>
public sealed record ReferenceLookup(
    string? Ref,
    string? Annex,
    string? TaskName,
    string? Section,
    IReadOnlyList<MeasureRecord> Measures,
    string? Message);

/// <summary>One measure a unit takes part in. NamedAs is set when the plan names the unit collectively (各街道办事处).</summary>
public sealed record DutyRecord(string Ref, string Task, string Role, string? NamedAs, string Deadline, string Summary);

public sealed record UnitDuties(
    string? Unit,
    int LeadCount,
    int CoCount,
    IReadOnlyList<DutyRecord> Measures,
    string? Message);

public sealed record TargetFigures(IReadOnlyList<Figure> Figures, string? Message);

/// <summary>How plugin records are serialised for a model and for the evidence: Chinese unescaped, nulls left out.</summary>
public static class PlanRecordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Serialize(object? value) => JsonSerializer.Serialize(value, Options);
}
