using Assistant.Index.Answers;
using Microsoft.Extensions.Time.Testing;

namespace Assistant.Index.Tests;

/// <summary>
/// The honest figure (tests/eval/*-honest.jsonl): 160 questions and 40 dialogues written blind, in everyday words, by a
/// helper who saw one topic line per measure and never the plan text, labelled from plan.json by tools/blind-label.py.
/// No change was ever tuned on them: they were scored once before any change (questions 0.519, dialogues 0.350) and
/// again at the end of each session that changed understanding. The floors hold the level reached, so a change that loses understanding of people's words fails.
/// The writer was told today is early December 2026 ("这个月" = December of the plan year), so they are scored then.
/// </summary>
[Collection(PlanCollection.Name)]
public sealed class HonestSetTests(PlanFixture plan)
{
    private static readonly DateTimeOffset WrittenAt = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(8));

    // Round eleven's classifier (MeasureClassifier) and its 966 more alternate questions moved first measures of
    // dialogue openings both ways: dialogues-honest co, fresh4 co, fresh5 lead, fresh10 lead and deadline each lost one item
    // (their floors one item lower), while the dialogue sets gained 9 items over all and everyday questions about 3
    // points.
    private static readonly Dictionary<string, Dictionary<string, double>> Floors = new(StringComparer.Ordinal)
    {
        ["questions-honest.jsonl"] = new(StringComparer.Ordinal)
        {
            // none was 0.85 until the pooled-words search (MeasurePool): it names the closest measures for some questions
            // the plan cannot answer (0.893 → 0.786) while lead rose 0.632 → 0.842 and search 0.375 → 0.688.
            // none back to 0.821 with the decline of matters the plan never names (Understanding/OutsideThePlan).
            ["lead"] = 0.8, ["deadline"] = 0.7, ["co"] = 0.5, ["duties"] = 0.95, ["indicator"] = 0.9, ["search"] = 0.65, ["none"] = 0.8,
        },
        // Written blind at the end of a session and scored once, after every change of it: 0.740 on the session's
        // starting code, 0.760 at its end (dialogues 0.825 both). No change has been made against it.
        ["questions-fresh4.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.65, ["deadline"] = 0.7, ["co"] = 0.7, ["duties"] = 0.9, ["indicator"] = 0.9, ["search"] = 0.6, ["none"] = 0.85,
        },
        // lead 0.7 since round seven's ranking weights: "那商场包装回收呢" passed by luck on a label that reads a battery
        // take-back row (附件3-6-2) as packaging recycling, which the plan has no row for.
        ["dialogues-fresh4.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.7, ["deadline"] = 0.5, ["co"] = 0.85, ["duties"] = 0.8, ["indicator"] = 0.95, ["search"] = 0.75, ["none"] = 0.75,
        },
        // Written blind at the start (fresh5) and middle (fresh6) of round five and never looked at then: first scores on
        // that round's starting code (0.687 / 0.773, dialogues 0.875 / 0.775); development sets in round six, whose end
        // these floors sit just under.
        ["questions-fresh5.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.8, ["deadline"] = 0.7, ["co"] = 0.5, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.6, ["none"] = 0.95,
        },
        ["dialogues-fresh5.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.75, ["deadline"] = 0.8, ["co"] = 0.25, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.7, ["none"] = 0.95,
        },
        ["questions-fresh6.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.7, ["deadline"] = 0.65, ["co"] = 0.8, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.85, ["none"] = 0.95,
        },
        ["dialogues-fresh6.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.8, ["deadline"] = 0.4, ["co"] = 0.6, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.7, ["none"] = 0.95,
        },
        // Written blind at the start of round six and never looked at: first score on that round's starting code
        // (48c28ef) 0.680, dialogues 0.825; these floors just under its end (0.727, 0.850).
        ["questions-fresh7.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.65, ["deadline"] = 0.7, ["co"] = 0.5, ["duties"] = 0.9, ["indicator"] = 0.85, ["search"] = 0.4, ["none"] = 0.8,
        },
        ["dialogues-fresh7.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.6, ["deadline"] = 0.7, ["co"] = 0.95, ["duties"] = 0.95, ["indicator"] = 0.85, ["search"] = 0.95, ["none"] = 0.7,
        },
        // Written blind at the start of round seven (fresh8) and never looked at: first score on that round's starting
        // code (8275a94) 0.720, dialogues 0.575; these floors just under its end (0.747, 0.650).
        ["questions-fresh8.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.8, ["deadline"] = 0.55, ["co"] = 0.6, ["duties"] = 0.9, ["indicator"] = 0.95, ["search"] = 0.5, ["none"] = 0.75,
        },
        ["dialogues-fresh8.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.5, ["deadline"] = 0.65, ["co"] = 0.7, ["duties"] = 0.7, ["indicator"] = 0.8, ["search"] = 0.4, ["none"] = 0.7,
        },
        // Written blind at the start of round eight (fresh9) and never looked at: first score on that round's starting
        // code (ef6a1bc) 0.793, dialogues 0.600; these floors just under its end (0.807, 0.625).
        ["questions-fresh9.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.75, ["deadline"] = 0.7, ["co"] = 0.85, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.5, ["none"] = 0.8,
        },
        ["dialogues-fresh9.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.45, ["deadline"] = 0.25, ["co"] = 0.7, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.0, ["none"] = 0.7,
        },
        // Written blind at the start of round nine (fresh10) and never looked at: first score on that round's starting
        // code (7d57c9e) 0.747, dialogues 0.700; no understanding change landed that round, so the floors sit just under it.
        ["questions-fresh10.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.72, ["deadline"] = 0.65, ["co"] = 0.45, ["duties"] = 0.9, ["indicator"] = 0.85, ["search"] = 0.5, ["none"] = 0.95,
        },
        ["dialogues-fresh10.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.5, ["deadline"] = 0.3, ["co"] = 0.8, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.2, ["none"] = 0.95,
        },
        // Written blind at the start of round ten (fresh11) and never looked at: first score on that round's starting
        // code (3b23662) 0.773, dialogues 0.700; the round's understanding changes left both unchanged, so the floors sit
        // just under them.
        ["questions-fresh11.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.8, ["deadline"] = 0.7, ["co"] = 0.7, ["duties"] = 0.9, ["indicator"] = 0.9, ["search"] = 0.5, ["none"] = 0.8,
        },
        ["dialogues-fresh11.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.75, ["deadline"] = 0.7, ["co"] = 0.35, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.35, ["none"] = 0.95,
        },
        // Written blind at the start of round eleven (fresh12) and never looked at: first score on that round's starting
        // code (0d6f630) 0.847, dialogues 0.625; final 0.853 and 0.625. The floors sit just under the final figures.
        ["questions-fresh12.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.85, ["deadline"] = 0.8, ["co"] = 0.9, ["duties"] = 0.85, ["indicator"] = 0.9, ["search"] = 0.7, ["none"] = 0.85,
        },
        ["dialogues-fresh12.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.4, ["deadline"] = 0.5, ["co"] = 0.75, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.5, ["none"] = 0.95,
        },
        ["dialogues-honest.jsonl"] = new(StringComparer.Ordinal)
        {
            ["lead"] = 0.75, ["deadline"] = 0.55, ["co"] = 0.55, ["duties"] = 0.95, ["indicator"] = 0.95, ["search"] = 0.6, ["none"] = 0.5,
        },
    };

    [Theory]
    [InlineData("questions-honest.jsonl", 150)]
    [InlineData("dialogues-honest.jsonl", 40)]
    [InlineData("questions-fresh4.jsonl", 150)]
    [InlineData("dialogues-fresh4.jsonl", 40)]
    [InlineData("questions-fresh5.jsonl", 150)]
    [InlineData("dialogues-fresh5.jsonl", 40)]
    [InlineData("questions-fresh6.jsonl", 150)]
    [InlineData("dialogues-fresh6.jsonl", 40)]
    [InlineData("questions-fresh7.jsonl", 150)]
    [InlineData("dialogues-fresh7.jsonl", 40)]
    [InlineData("questions-fresh8.jsonl", 150)]
    [InlineData("dialogues-fresh8.jsonl", 40)]
    [InlineData("questions-fresh9.jsonl", 150)]
    [InlineData("dialogues-fresh9.jsonl", 40)]
    [InlineData("questions-fresh10.jsonl", 150)]
    [InlineData("dialogues-fresh10.jsonl", 40)]
    [InlineData("questions-fresh11.jsonl", 150)]
    [InlineData("dialogues-fresh11.jsonl", 40)]
    [InlineData("questions-fresh12.jsonl", 150)]
    [InlineData("dialogues-fresh12.jsonl", 40)]
    public void Honest_set_stays_above_its_floor_per_kind(string file, int atLeast)
    {
        var items = Evaluator.Read(Path.Combine(plan.RepositoryRoot, "tests", "eval", file));
        Assert.True(items.Count >= atLeast, $"{file} has {items.Count} items; it should keep at least {atLeast}");

        var report = Evaluator.Run(plan.Runtime.AnswersAt(new FakeTimeProvider(WrittenAt)), items);

        foreach (var (kind, total, passed, accuracy) in report.ByKind())
        {
            var floor = Floors[file][kind];
            Assert.True(accuracy >= floor, $"{file} {kind}: {passed}/{total} = {accuracy:0.000} < {floor}");
        }
    }

    [Theory]
    [InlineData("questions-honest.jsonl")]
    [InlineData("dialogues-honest.jsonl")]
    [InlineData("questions-fresh7.jsonl")]
    [InlineData("dialogues-fresh7.jsonl")]
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
