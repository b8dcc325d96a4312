using Assistant.Index.Answers;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Index.Tests.Understanding;

/// <summary>
/// Dialogue sets (tests/eval/dialogues*.jsonl): the last turn of each changes one slot of the frame or starts a new
/// one. Relative periods are scored as of 20 November in Beijing (November of the plan year), as the files say.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class DialogueSetTests(PlanFixture plan)
{
    public static readonly DateTimeOffset ScoredAt = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    // The project's own set, written with the engine: per-kind floors at the level reached.
    [InlineData("dialogues.jsonl", 0.95)]
    public void Dialogue_accuracy_per_kind_stays_above_its_floor(string file, double floor)
    {
        var items = Evaluator.Read(Path.Combine(plan.RepositoryRoot, "tests", "eval", file));
        Assert.True(items.Count >= 40, $"{file} has {items.Count} dialogues; it should keep at least 40");
        Assert.All(items, i => Assert.InRange(i.Context?.Count ?? 0, 1, 3));

        var report = Evaluator.Run(plan.Runtime.AnswersAt(new FakeTimeProvider(ScoredAt)), items);

        var failures = report.Results.Where(r => !r.Passed)
            .Select(r => $"[{r.Item.Kind}] {string.Join(" / ", r.Item.Context ?? [])} / {r.Item.Question}: {(r.IntentRight ? "" : $"intent {r.Answer.Intent.ToApi()}; ")}{string.Join("; ", r.Failures)}");
        foreach (var (kind, total, passed, accuracy) in report.ByKind())
        {
            Assert.True(accuracy >= floor, $"{kind}: {passed}/{total} = {accuracy:0.000} < {floor}\n{string.Join("\n", failures)}");
        }
    }
}
