using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Assistant.Bot.Api;
using Assistant.Index;
using Assistant.Index.Answers;
using Assistant.Index.Knowledge;

namespace Assistant.Bot.Cli;

/// <summary>
/// The command line: <c>ask</c>, <c>eval</c>, <c>knowledge validate|show|unit|export</c>, <c>hotline …</c>, <c>staff key …</c>. Anything else starts the server.
/// </summary>
public static class AssistantCli
{
    private static readonly string[] Commands = ["ask", "eval", "knowledge", "hotline", "staff", "help", "--help", "-h", "-?"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static int Run(string[] args, TextWriter? output = null)
    {
        var stdout = output ?? Console.Out;
        var knowledgeOption = new Option<string?>("--knowledge") { Description = "The knowledge folder (default: found next to the app or above the current folder)." };

        var question = new Argument<string?>("question") { Description = "The question; none starts an interactive session.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the /api/ask response body." };
        var today = new Option<DateOnly?>("--today") { Description = "Read 本季度, 下个月… as if today were this date (yyyy-MM-dd, Beijing time)." };
        var ask = new Command("ask", "Answer a question about the plan.") { question, json, today, knowledgeOption };
        ask.SetAction(r => Ask(Load(r.GetValue(knowledgeOption), r.GetValue(today)), r.GetValue(question), r.GetValue(json), stdout));

        var file = new Argument<string>("file") { Description = "A questions.jsonl evaluation set." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every failure." };
        var eval = new Command("eval", "Score the answer engine on an evaluation set, per question kind.") { file, verbose, today, knowledgeOption };
        eval.SetAction(r => Eval(r.GetValue(knowledgeOption), r.GetValue(file)!, r.GetValue(verbose), r.GetValue(today), stdout));

        var validate = new Command("validate", "Check the knowledge against the seed (wording, order, units, deadlines, figures).") { knowledgeOption };
        validate.SetAction(r => Validate(r.GetValue(knowledgeOption), stdout));
        var reference = new Argument<string>("reference") { Description = "附件1-15 or 附件1-15-1" };
        var show = new Command("show", "Print a task with its measures.") { reference, knowledgeOption };
        show.SetAction(r => Show(Load(r.GetValue(knowledgeOption)), r.GetValue(reference)!, stdout));
        var unitName = new Argument<string>("unit") { Description = "A unit's name or alias, e.g. 区园林绿化局 or 园林局" };
        var unit = new Command("unit", "Print what a unit leads and co-operates on.") { unitName, knowledgeOption };
        unit.SetAction(r => Unit(Load(r.GetValue(knowledgeOption)), r.GetValue(unitName)!, stdout));
        var knowledge = new Command("knowledge", "Inspect, validate and export the knowledge files.")
        {
            validate, show, unit, KnowledgeExport.Create(knowledgeOption, stdout),
        };

        var root = new RootCommand("西城政策助手 — answers questions on the Xicheng 2024 pollution-prevention action plan. "
            + "Without a command it runs the web server (dotnet run --project src/Assistant.Bot [--urls http://127.0.0.1:5000]).")
        {
            ask, eval, knowledge,
        };
        root.Add(HotlineCommands.Create(knowledgeOption, stdout));
        root.Add(StaffCommands.Create(stdout));
        var parsed = root.Parse(args[0] == "help" ? ["--help"] : args);
        return parsed.Invoke(new InvocationConfiguration { Output = stdout });
    }

    internal static PlanRuntime Load(string? knowledgeDirectory, DateOnly? today = null) =>
        PlanRuntime.Load(KnowledgeLoader.LocateDirectory(knowledgeDirectory), today is { } day ? new FixedClock(day) : null);

    private static int Ask(PlanRuntime runtime, string? question, bool json, TextWriter stdout)
    {
        using (runtime)
        {
            if (!string.IsNullOrWhiteSpace(question))
            {
                Print(runtime.Answers.Ask(question), json, "cli", stdout);
                return 0;
            }

            stdout.WriteLine("西城政策助手（输入问题，空行退出）");
            ConversationContext? context = null;
            while (true)
            {
                stdout.Write("> ");
                var line = Console.ReadLine();
                if (string.IsNullOrWhiteSpace(line))
                {
                    return 0;
                }

                var answer = runtime.Answers.Ask(line, context);
                context = answer.Context;
                Print(answer, json, "cli", stdout);
            }
        }
    }

    private static void Print(Answer answer, bool json, string conversationId, TextWriter stdout)
    {
        if (json)
        {
            var body = AskResponse.From(new Conversations.ConversationReply(conversationId, answer));
            stdout.WriteLine(JsonSerializer.Serialize(body, Json));
        }
        else
        {
            stdout.WriteLine(answer.Text);
        }
    }

    private static int Eval(string? knowledgeDirectory, string file, bool verbose, DateOnly? today, TextWriter stdout)
    {
        // Relative to the current folder, or to one above it (run from a subfolder of the repository).
        file = FindUpwards(file);
        if (!File.Exists(file))
        {
            stdout.WriteLine($"No such file: {file}");
            return 2;
        }

        // Only now: loading indexes the plan and warms SmartCn up (about a second).
        using (var runtime = Load(knowledgeDirectory, today))
        {
            var report = Evaluator.Run(runtime.Answers, Evaluator.Read(file));
            stdout.WriteLine($"{"kind",-10} {"n",4} {"passed",6} {"accuracy",8}");
            foreach (var (kind, total, passed, accuracy) in report.ByKind())
            {
                stdout.WriteLine($"{kind,-10} {total,4} {passed,6} {accuracy,8:0.000}");
            }

            stdout.WriteLine($"{"all",-10} {report.Results.Count,4} {report.Results.Count(r => r.Passed),6} {report.Overall,8:0.000}");
            if (verbose)
            {
                foreach (var r in report.Results.Where(r => !r.Passed))
                {
                    var intent = r.IntentRight ? "" : $" intent={r.Answer.Intent.ToApi()}";
                    stdout.WriteLine($"FAIL [{r.Item.Kind}] {r.Item.Question}{intent} {string.Join("; ", r.Failures)}");
                }
            }

            return 0;
        }
    }

    /// <summary>A relative path as given, or found further up (run from a subfolder of the repository).</summary>
    internal static string FindUpwards(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }

    private static int Validate(string? knowledgeDirectory, TextWriter stdout)
    {
        var directory = KnowledgeLoader.LocateDirectory(knowledgeDirectory);
        var knowledge = KnowledgeLoader.Load(directory);
        var seedPath = Path.GetFullPath(Path.Combine(directory, "..", knowledge.Plan.Source));
        // The seed lies next to the knowledge folder (../seeds): a copied knowledge folder without it cannot be checked.
        if (!File.Exists(seedPath))
        {
            stdout.WriteLine($"No seed to check against: {seedPath} (plan.json's source, relative to the folder above {directory})");
            return 2;
        }

        var seed = File.ReadAllText(seedPath);
        // The plan's tables, then the everyday words and alternate questions (knowledge/understanding/).
        var problems = new GroundingValidator(seed).Validate(knowledge)
            .Concat(new Index.Understanding.UnderstandingValidator(seed).Validate(knowledge)).ToList();
        foreach (var problem in problems)
        {
            stdout.WriteLine(problem);
        }

        stdout.WriteLine(problems.Count == 0
            ? $"OK: {knowledge.Plan.Tasks.Count()} tasks, {knowledge.Plan.Measures.Count()} measures, {knowledge.Units.Count} units, "
              + $"{knowledge.Everyday.Measures.Sum(m => m.Questions.Count)} alternate questions, all grounded in {knowledge.Plan.Source}."
            : $"{problems.Count} problem(s).");
        return problems.Count == 0 ? 0 : 1;
    }

    private static int Show(PlanRuntime runtime, string reference, TextWriter stdout)
    {
        using (runtime)
        {
            if (!References.TryParse(reference, out var annex, out var number, out var only) || runtime.Knowledge.FindTask(annex, number) is not { } task)
            {
                stdout.WriteLine($"No task {reference}. References look like 附件1-15.");
                return 1;
            }

            stdout.WriteLine($"{task.Ref} {task.Name}（{task.Section}）");
            foreach (var m in task.Measures.Where(m => only is null || m.Number == only))
            {
                stdout.WriteLine($"  {m.Ref} [{m.Deadline.Text}]");
                stdout.WriteLine($"    主责：{UnitNames.Join(m.LeadUnits)}");
                stdout.WriteLine($"    协办：{(m.CoUnits.Count == 0 ? "——" : UnitNames.Join(m.CoUnits))}{(m.SplitInferred ? $"（划分为推断：{m.StaffNote}）" : "")}");
                stdout.WriteLine($"    {m.Text}");
            }

            return 0;
        }
    }

    private static int Unit(PlanRuntime runtime, string name, TextWriter stdout)
    {
        using (runtime)
        {
            var subject = DutyRoster.Find(runtime, name);
            if (subject is null)
            {
                stdout.WriteLine($"No unit '{name}' in the plan.");
                return 1;
            }

            var duties = DutyRoster.DutiesOf(runtime.Knowledge, subject);
            var dated = duties.Where(d => !d.Measure.Deadline.OpenEnded).ToList();
            stdout.WriteLine($"{subject.Name}（{subject.Kind.ChineseName()}）主责 {duties.Count(d => d.Role == DutyRole.Lead)} 项，协办 {duties.Count(d => d.Role == DutyRole.Co)} 项" +
                $"（其中长期实施、按时间节点完成等 {duties.Count - dated.Count} 项另列）");
            foreach (var (title, role) in new[] { ("主责", DutyRole.Lead), ("协办", DutyRole.Co) })
            {
                stdout.WriteLine($"{title}（按完成月份）：");
                foreach (var d in dated.Where(d => d.Role == role).OrderBy(d => d.Measure.Deadline.Months!.Value.Last))
                {
                    stdout.WriteLine($"  {Month(d.Measure)} {d.Measure.Ref} {d.Measure.TaskName} [{d.Measure.Deadline.Text}]{Basis(d)} {AnswerEngine.Trim(d.Measure.Text, 50)}");
                }
            }

            stdout.WriteLine("长期实施 / 按时间节点完成：");
            foreach (var d in duties.Where(d => d.Measure.Deadline.OpenEnded))
            {
                stdout.WriteLine($"  {(d.Role == DutyRole.Lead ? "主责" : "协办")} {d.Measure.Ref} {d.Measure.TaskName} [{d.Measure.Deadline.Text}]{Basis(d)} {AnswerEngine.Trim(d.Measure.Text, 50)}");
            }

            return 0;
        }

        static string Month(Measure m) => m.Deadline.Months is { } r && r.First != r.Last ? $"{r.First}-{r.Last}月" : $"{m.Deadline.Months!.Value.Last}月";

        static string Basis(Duty d) => d.Basis == DutyBasis.Named ? "" : $"（{DutyRoster.Describe(d.Basis)}）";
    }

    /// <summary>A clock stopped at noon of one day in Beijing (--today).</summary>
    private sealed class FixedClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.FromHours(8)).ToUniversalTime();
    }
}
