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
// --answers <file>: every eval question's answer, to compare before and after a change that must not change answers.
if (args.Length > 1 && args[0] == "--answers")
{
    AnswerSnapshot.Write(knowledgeDir, Path.Combine(root, "tests", "eval"), args[1]);
    return;
}

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
var allocated = GC.GetAllocatedBytesForCurrentThread();
// CPU time: on a shared machine it holds where wall-clock time swings with the load.
var cpu = ProcessCpu();
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
var cpuPerAnswer = (ProcessCpu() - cpu).TotalMilliseconds / latencies.Count;
var perAnswer = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)latencies.Count;
var collections = GC.CollectionCount(0) - gc0;
latencies.Sort();
Console.WriteLine($"answer latency (uncached) over {latencies.Count} questions ({questions.Count} distinct × {rounds}): "
    + $"p50 {Percentile(latencies, 0.50):0.000} ms, p90 {Percentile(latencies, 0.90):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, max {latencies[^1]:0.000} ms");
Console.WriteLine($"throughput (one thread): {latencies.Count / total.Elapsed.TotalSeconds:0} answers/s; process CPU {cpuPerAnswer:0.000} ms per answer; allocated {perAnswer / 1024:0} KB per answer; "
    + $"gen0 GCs {collections} ({1000.0 * collections / latencies.Count:0.0} per 1,000 answers); working set {Environment.WorkingSet / 1024 / 1024} MB");

// The same questions on two threads at once (this machine has two cores): shared state and allocation show up here.
foreach (var threads in new[] { 1, 2 })
{
    var answered = 0L;
    var gcBefore = GC.CollectionCount(0);
    var wall = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
    {
        var n = 0;
        for (var r = 0; r < rounds / 2; r++)
        {
            for (var i = 0; i < questions.Count; i++)
            {
                runtime.Answers.Compute(questions[(i + t * 97) % questions.Count]);
                n++;
            }
        }

        Interlocked.Add(ref answered, n);
    })).ToList();
    workers.ForEach(w => w.Start());
    workers.ForEach(w => w.Join());
    wall.Stop();
    Console.WriteLine($"throughput ({threads} thread{(threads > 1 ? "s" : "")} computing at once): {answered / wall.Elapsed.TotalSeconds:0} answers/s; "
        + $"gen0 GCs {1000.0 * (GC.CollectionCount(0) - gcBefore) / answered:0.0} per 1,000 answers");
}

Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode}; {Environment.ProcessorCount} cores");

// Follow-ups: the last turn of each dialogue, read against its conversation's frame (tests/eval/dialogues.jsonl).
var dialogues = Evaluator.Read(Path.Combine(root, "tests", "eval", "dialogues.jsonl"))
    .Select(d => (Turn: d.Question, Context: (d.Context ?? []).Aggregate((ConversationContext?)null, (c, t) => runtime.Answers.Ask(t, c).Context)))
    .ToList();
var followUps = new List<double>(dialogues.Count * rounds);
for (var r = 0; r < rounds + 5; r++)
{
    foreach (var (turn, context) in dialogues)
    {
        var sw = Stopwatch.StartNew();
        runtime.Answers.Compute(turn, context);
        if (r >= 5)
        {
            followUps.Add(sw.Elapsed.TotalMilliseconds);
        }
    }
}

followUps.Sort();
Console.WriteLine($"follow-up latency (uncached) over {followUps.Count} last turns ({dialogues.Count} dialogues × {rounds}): "
    + $"p50 {Percentile(followUps, 0.50):0.000} ms, p90 {Percentile(followUps, 0.90):0.000} ms, p99 {Percentile(followUps, 0.99):0.000} ms, max {followUps[^1]:0.000} ms");

// The process's CPU time (the measuring loop is its only busy thread then; the GC's work counts, as it should).
static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;

static double Median(List<double> xs) => Percentile(xs.Order().ToList(), 0.5);

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
