using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Assistant.Index;
using Assistant.Index.Answers;

/// <summary>
/// Every answer to every question of tests/eval/*.jsonl (dialogues with their earlier turns), one JSON line each, with a
/// fixed "today": run before and after a change that must not change answers, and compare the two files byte for byte.
/// </summary>
internal static class AnswerSnapshot
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static void Write(string knowledgeDir, string evalDir, string output)
    {
        using var runtime = PlanRuntime.Load(knowledgeDir, new FixedClock(new DateTimeOffset(2024, 5, 15, 4, 0, 0, TimeSpan.Zero)));
        using var writer = new StreamWriter(output);
        var count = 0;
        foreach (var file in Directory.GetFiles(evalDir, "*.jsonl").Where(f => !Path.GetFileName(f).StartsWith("complaints", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            foreach (var item in Evaluator.Read(file))
            {
                ConversationContext? context = null;
                foreach (var turn in item.Context ?? [])
                {
                    context = runtime.Answers.Compute(turn, context).Context;
                }

                // Computed, not asked: no answer comes from the cache.
                var answer = runtime.Answers.Compute(item.Question, context);
                writer.WriteLine(JsonSerializer.Serialize(new { file = Path.GetFileName(file), q = item.Question, answer }, Json));
                count++;
            }
        }

        Console.WriteLine($"{count} answers written to {output}");
    }
}
