using Assistant.Index.Answers;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Index.Tests;

/// <summary>
/// The project's own evaluation set (tests/eval/questions.jsonl): the suite fails if accuracy on any kind falls
/// below the level reached, so a change that helps one kind cannot silently break another.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class EvaluationSetTests(PlanFixture plan)
{
    // Relative periods ("这个月", "本季度") are read by today's month: the sets are scored as of the day the everyday set's
    // writer was told it was (early December 2026), so the figures do not move with the calendar.
    private static readonly DateTimeOffset ScoredAt = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8));

    private AnswerEngine Answers => _answers ??= plan.Runtime.AnswersAt(new FakeTimeProvider(ScoredAt));

    private AnswerEngine? _answers;

    // Floors per kind, at (or just under) the level measured when they were set.
    private static readonly Dictionary<string, double> Floors = new(StringComparer.Ordinal)
    {
        ["lead"] = 0.95,
        ["deadline"] = 0.95,
        ["co"] = 0.95,
        ["duties"] = 0.95,
        ["indicator"] = 0.95,
        ["search"] = 0.95,
        ["none"] = 0.95,
    };

    [Fact]
    public void Accuracy_per_kind_stays_at_or_above_its_floor()
    {
        var items = Evaluator.Read(Path.Combine(plan.RepositoryRoot, "tests", "eval", "questions.jsonl"));
        Assert.True(items.Count >= 150, $"the evaluation set has {items.Count} questions; it should keep at least 150");

        var report = Evaluator.Run(Answers, items);

        var failures = report.Results.Where(r => !r.Passed)
            .Select(r => $"[{r.Item.Kind}] {r.Item.Question}: {(r.IntentRight ? "" : $"intent {r.Answer.Intent.ToApi()}; ")}{string.Join("; ", r.Failures)}");
        foreach (var (kind, total, passed, accuracy) in report.ByKind())
        {
            Assert.True(Floors.ContainsKey(kind), $"unknown kind {kind}");
            Assert.True(accuracy >= Floors[kind], $"{kind}: {passed}/{total} = {accuracy:0.000} < {Floors[kind]}\n{string.Join("\n", failures)}");
        }
    }

    [Theory]
    // Written blind by other authors; first scored 0.873 (holdout), 0.870 (blind2), 0.910 (blind3) and 0.870 (blind4)
    // overall before any change they prompted. They guard the general fixes since; per-kind floors sit under the level
    // reached.
    [InlineData("questions-holdout.jsonl")]
    [InlineData("questions-blind2.jsonl")]
    [InlineData("questions-blind3.jsonl")]
    [InlineData("questions-blind4.jsonl")]
    public void Held_out_sets_stay_above_their_floor(string file)
    {
        var report = Evaluator.Run(Answers, Evaluator.Read(Path.Combine(plan.RepositoryRoot, "tests", "eval", file)));

        var failures = report.Results.Where(r => !r.Passed).Select(r => $"[{r.Item.Kind}] {r.Item.Question}: {string.Join("; ", r.Failures)}");
        foreach (var (kind, total, passed, accuracy) in report.ByKind())
        {
            Assert.True(accuracy >= 0.9, $"{kind}: {passed}/{total} = {accuracy:0.000}\n{string.Join("\n", failures)}");
        }
    }

    // Everyday words, written blind (by a helper who saw one topic line per measure, never the plan text): scored 0.456
    // on the engine before knowledge/understanding/. Floors sit at the level reached, short of the 0.85 aimed for.
    // questions-everyday-dev2.jsonl: a second set written the same way in a later session, scored 0.593 before the
    // pooled-words search and the fixes it prompted.
    private static readonly Dictionary<string, Dictionary<string, double>> EverydayFloors = new(StringComparer.Ordinal)
    {
        ["questions-everyday-dev.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.65, ["deadline"] = 0.6, ["co"] = 0.6, ["duties"] = 0.9, ["indicator"] = 0.95, ["search"] = 0.75, ["none"] = 0.9,
        },
        ["questions-everyday-dev2.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.6, ["deadline"] = 0.55, ["co"] = 0.4, ["duties"] = 0.9, ["indicator"] = 0.85, ["search"] = 0.35, ["none"] = 0.85,
        },
        // A fourth writer, next session (first score 0.693, then 0.787 after general fixes and the everyday words).
        ["questions-everyday-dev3.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.5, ["deadline"] = 0.7, ["co"] = 0.45, ["duties"] = 0.9, ["indicator"] = 0.9, ["search"] = 0.7, ["none"] = 0.9,
        },
    };

    [Theory]
    [InlineData("questions-everyday-dev.jsonl")]
    [InlineData("questions-everyday-dev2.jsonl")]
    [InlineData("questions-everyday-dev3.jsonl")]
    public void Everyday_development_sets_stay_above_their_floor(string file)
    {
        var report = Evaluator.Run(Answers, Evaluator.Read(Path.Combine(plan.RepositoryRoot, "tests", "eval", file)));

        var failures = report.Results.Where(r => !r.Passed).Select(r => $"[{r.Item.Kind}] {r.Item.Question}: {string.Join("; ", r.Failures)}");
        foreach (var (kind, total, passed, accuracy) in report.ByKind())
        {
            Assert.True(accuracy >= EverydayFloors[file][kind], $"{kind}: {passed}/{total} = {accuracy:0.000}\n{string.Join("\n", failures)}");
        }
    }

    [Theory]
    [InlineData("questions-everyday-dev.jsonl")]
    [InlineData("questions-everyday-dev2.jsonl")]
    [InlineData("questions-everyday-dev3.jsonl")]
    [InlineData("questions.jsonl")]
    [InlineData("questions-holdout.jsonl")]
    [InlineData("questions-blind2.jsonl")]
    [InlineData("questions-blind3.jsonl")]
    [InlineData("questions-blind4.jsonl")]
    public void Every_expected_reference_exists(string file)
    {
        foreach (var item in Evaluator.Read(Path.Combine(plan.RepositoryRoot, "tests", "eval", file)))
        {
            foreach (var reference in item.Refs ?? [])
            {
                Assert.True(plan.Knowledge.FindTask(reference) is not null || plan.Knowledge.FindMeasure(reference) is not null, $"{item.Question}: {reference}");
            }
        }
    }
}
