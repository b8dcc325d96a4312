using System.Text.Json;

namespace Assistant.Index.Hotline;

/// <summary>One line of tests/eval/complaints.jsonl: a complaint and what its triage must find.</summary>
public sealed record EvalComplaint(string Complaint, string Category, string? Street, IReadOnlyList<string>? Refs = null, string? TimeOfDay = null);

/// <summary>How one complaint scored, field by field.</summary>
public sealed record ComplaintResult(EvalComplaint Item, Triage Triage, bool CategoryRight, bool StreetRight, bool RefsRight, bool TimeRight)
{
    public bool Passed => CategoryRight && StreetRight && RefsRight && TimeRight;

    public IEnumerable<string> Failures()
    {
        if (!CategoryRight)
        {
            yield return $"category {Triage.Category}, expected {Item.Category}";
        }

        if (!StreetRight)
        {
            yield return $"street {Triage.Street?.Name ?? "null"}, expected {Item.Street ?? "null"}";
        }

        if (!RefsRight)
        {
            yield return $"refs {string.Join(",", Triage.Basis.Select(b => b.Measure.Ref))}, expected {string.Join(",", Item.Refs ?? [])}";
        }

        if (!TimeRight)
        {
            yield return $"time {Triage.Time?.Period ?? "null"}, expected {Item.TimeOfDay ?? "null"}";
        }
    }
}

public sealed record HotlineEvalReport(IReadOnlyList<ComplaintResult> Results)
{
    public double CategoryAccuracy => Share(r => r.CategoryRight);

    public double StreetAccuracy => Share(r => r.StreetRight);

    public double RefsAccuracy => Share(r => r.RefsRight);

    public double TimeAccuracy => Share(r => r.TimeRight);

    public double AllFieldsAccuracy => Share(r => r.Passed);

    public IEnumerable<(string Field, double Accuracy)> Fields() =>
    [
        ("category", CategoryAccuracy), ("street", StreetAccuracy), ("refs", RefsAccuracy), ("timeOfDay", TimeAccuracy), ("all", AllFieldsAccuracy),
    ];

    private double Share(Func<ComplaintResult, bool> right) => Results.Count == 0 ? 0 : Results.Count(right) / (double)Results.Count;
}

/// <summary>Scores the triage on an evaluation set of complaints, per field.</summary>
public static class HotlineEvaluator
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvalComplaint> Read(string path) => File.ReadLines(path)
        .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
        .Select(l => JsonSerializer.Deserialize<EvalComplaint>(l, Json) ?? throw new InvalidDataException($"Bad line: {l}"))
        .ToList();

    public static HotlineEvalReport Run(ComplaintTriage triage, IEnumerable<EvalComplaint> items) =>
        new(items.Select(item => Score(triage, item)).ToList());

    public static ComplaintResult Score(ComplaintTriage triage, EvalComplaint item)
    {
        var t = triage.Triage(item.Complaint);
        return new ComplaintResult(
            item, t,
            t.Category == item.Category,
            t.Street?.Name == item.Street,
            item.Refs is null || RefsMatch(t, item.Refs),
            t.Time?.Period == item.TimeOfDay);
    }

    /// <summary>
    /// The basis must cover every expected ref and hold nothing else: a task ref (附件1-15) is covered by any of its
    /// measures, a measure ref (附件1-18-2) only by itself.
    /// </summary>
    public static bool RefsMatch(Triage t, IReadOnlyList<string> expected)
    {
        static bool Covers(string expected, Knowledge.Measure m) => expected == m.Ref || expected == m.TaskRef;

        var measures = t.Basis.Select(b => b.Measure).ToList();
        return expected.All(e => measures.Any(m => Covers(e, m))) && measures.All(m => expected.Any(e => Covers(e, m)));
    }
}
