using System.Diagnostics;
using System.Globalization;
using Assistant.Index;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

// In-process figures: knowledge load + index build time, and answer latency percentiles over the evaluation set.
// Run: dotnet run -c Release --project benchmarks/Assistant.Benchmarks [-- --rounds 20]
var rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var knowledgeDir = KnowledgeLoader.LocateDirectory();
var root = Path.GetDirectoryName(knowledgeDir)!;

var cold = Stopwatch.StartNew();
using var runtime = PlanRuntime.Load(knowledgeDir);
cold.Stop();
Console.WriteLine($"cold start (load + index + SmartCn warm-up): {cold.Elapsed.TotalMilliseconds:0} ms");

var knowledge = runtime.Knowledge;
var loads = new List<double>();
var builds = new List<double>();
for (var i = 0; i < 10; i++)
{
    var sw = Stopwatch.StartNew();
    var k = KnowledgeLoader.Load(knowledgeDir);
    loads.Add(sw.Elapsed.TotalMilliseconds);
    sw.Restart();
    using var index = MeasureIndex.Build(k);
    builds.Add(sw.Elapsed.TotalMilliseconds);
}

Console.WriteLine($"knowledge load: median {Median(loads):0.0} ms; index build ({knowledge.Plan.Measures.Count()} docs): median {Median(builds):0.0} ms, max {builds.Max():0.0} ms");

// The answer engine's own start: the alternate questions' index (each question read for its topic, then indexed).
var engines = new List<double>();
using (var measureIndex = MeasureIndex.Build(knowledge))
{
    for (var i = 0; i < 5; i++)
    {
        var sw = Stopwatch.StartNew();
        _ = new AnswerEngine(knowledge, measureIndex, runtime.Gazetteer);
        engines.Add(sw.Elapsed.TotalMilliseconds);
    }
}

Console.WriteLine($"answer engine build incl. alternate-question index ({knowledge.Everyday.Measures.Sum(m => m.Questions.Count)} questions): median {Median(engines):0.0} ms, max {engines.Max():0.0} ms");

var questions = Evaluator.Read(Path.Combine(root, "tests", "eval", "questions.jsonl")).Select(q => q.Question).ToList();
// Warm-up: let tiered JIT settle before measuring — on the uncached path measured below (Ask would hit its cache).
for (var w = 0; w < 5; w++)
{
    foreach (var q in questions)
    {
        runtime.Answers.Compute(q);
    }
}

var latencies = new List<double>(questions.Count * rounds);
var gc0 = GC.CollectionCount(0);
var total = Stopwatch.StartNew();
for (var r = 0; r < rounds; r++)
{
    foreach (var q in questions)
    {
        var sw = Stopwatch.StartNew();
        runtime.Answers.Compute(q);
        latencies.Add(sw.Elapsed.TotalMilliseconds);
    }
}

total.Stop();
latencies.Sort();
Console.WriteLine($"answer latency (uncached) over {latencies.Count} questions ({questions.Count} distinct × {rounds}): "
    + $"p50 {Percentile(latencies, 0.50):0.000} ms, p90 {Percentile(latencies, 0.90):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, max {latencies[^1]:0.000} ms");
Console.WriteLine($"throughput (one thread): {latencies.Count / total.Elapsed.TotalSeconds:0} answers/s; gen0 GCs: {GC.CollectionCount(0) - gc0}; working set {Environment.WorkingSet / 1024 / 1024} MB");

static double Median(List<double> xs) => Percentile(xs.Order().ToList(), 0.5);

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
