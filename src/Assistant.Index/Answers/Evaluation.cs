using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Index.Answers;

/// <summary>One line of tests/eval/questions.jsonl: a question and what a right answer must contain.</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("q")] string Question,
    string Kind,
    IReadOnlyList<string>? Refs = null,
    IReadOnlyList<string>? Lead = null,
    IReadOnlyList<string>? Co = null,
    string? Deadline = null,
    IReadOnlyList<string>? Values = null,
    bool NoAnswer = false,
    IReadOnlyList<string>? Context = null);

public sealed record EvalResult(EvalQuestion Item, Answer Answer, bool IntentRight, IReadOnlyList<string> Failures)
{
    public bool Passed => IntentRight && Failures.Count == 0;
}

public sealed record EvalReport(IReadOnlyList<EvalResult> Results)
{
    public IEnumerable<(string Kind, int Total, int Passed, double Accuracy)> ByKind() => Results
        .GroupBy(r => r.Item.Kind)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (g.Key, g.Count(), g.Count(r => r.Passed), g.Count(r => r.Passed) / (double)g.Count()));

    public double Overall => Results.Count == 0 ? 0 : Results.Count(r => r.Passed) / (double)Results.Count;
}

/// <summary>Scores the answer engine on an evaluation set: the intent and the content a right answer needs.</summary>
public static class Evaluator
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvalQuestion> Read(string path) => File.ReadLines(path)
        .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
        .Select(l => JsonSerializer.Deserialize<EvalQuestion>(l, Json) ?? throw new InvalidDataException($"Bad line: {l}"))
        .ToList();

    public static EvalReport Run(AnswerEngine engine, IEnumerable<EvalQuestion> items) =>
        new(items.Select(item => Score(engine, item)).ToList());

    public static EvalResult Score(AnswerEngine engine, EvalQuestion item)
    {
        ConversationContext? context = null;
        foreach (var previous in item.Context ?? [])
        {
            context = engine.Ask(previous, context).Context;
        }

        var answer = engine.Ask(item.Question, context);
        var failures = new List<string>();
        var expectedIntent = IntentNames.FromApi(item.Kind);
        var intentRight = expectedIntent is null || expectedIntent == answer.Intent;
        if (answer.NoAnswer != item.NoAnswer)
        {
            failures.Add(item.NoAnswer ? "answered, expected no answer" : "no answer");
        }

        var top = answer.Matches.FirstOrDefault();
        if (item.Refs is { Count: > 0 } refs)
        {
            if (item.Kind == "duties")
            {
                var all = answer.Matches.SelectMany(m => new[] { m.Ref, m.MeasureRef }).ToHashSet(StringComparer.Ordinal);
                failures.AddRange(refs.Where(r => !all.Contains(r)).Select(r => $"missing {r}"));
            }
            else if (top is null || !refs.Any(r => r == top.Ref || r == top.MeasureRef))
            {
                failures.Add($"top match {top?.MeasureRef ?? "none"}, expected {string.Join("/", refs)}");
            }
        }

        if (item.Lead is { Count: > 0 } lead && (top is null || !lead.All(top.LeadUnits.Contains)))
        {
            failures.Add($"lead units {string.Join("、", top?.LeadUnits ?? [])}, expected {string.Join("、", lead)}");
        }

        if (item.Co is { Count: > 0 } co && (top is null || !co.All(top.CoUnits.Contains)))
        {
            failures.Add($"co units {string.Join("、", top?.CoUnits ?? [])}, expected {string.Join("、", co)}");
        }

        if (item.Deadline is { } deadline && top?.Deadline != deadline)
        {
            failures.Add($"deadline {top?.Deadline ?? "none"}, expected {deadline}");
        }

        foreach (var value in item.Values ?? [])
        {
            if (!answer.Text.Contains(value, StringComparison.Ordinal))
            {
                failures.Add($"answer lacks '{value}'");
            }
        }

        return new EvalResult(item, answer, intentRight, failures);
    }
}
