using System.CommandLine;
using System.Text.Json;
using Assistant.Bot.Hotline;
using Assistant.Index;
using Assistant.Index.Hotline;
using Assistant.Index.Knowledge;

namespace Assistant.Bot.Cli;

/// <summary><c>hotline eval complaints.jsonl</c> (accuracy per field) and <c>hotline draft "投诉内容"</c>.</summary>
public static class HotlineCommands
{
    public static Command Create(Option<string?> knowledgeOption, TextWriter stdout)
    {
        var file = new Argument<string>("file") { Description = "A complaints.jsonl evaluation set." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every failure." };
        var eval = new Command("eval", "Score the complaint triage on an evaluation set, per field.") { file, verbose, knowledgeOption };
        eval.SetAction(r => Eval(r.GetValue(knowledgeOption), r.GetValue(file)!, r.GetValue(verbose), stdout));

        var complaint = new Argument<string>("complaint") { Description = "The complaint text." };
        var json = new Option<bool>("--json") { Description = "Print the triage as JSON." };
        var draft = new Command("draft", "Triage a complaint and print the reply draft and the dispatch note (default time limits).")
        {
            complaint, json, knowledgeOption,
        };
        draft.SetAction(r => Draft(r.GetValue(knowledgeOption), r.GetValue(complaint)!, r.GetValue(json), stdout));

        var draftsFile = new Argument<string>("file") { Description = "A JSONL file of complaints (a \"complaint\" field per line; complaints*.jsonl works)." };
        var failuresOnly = new Option<bool>("--failures") { Description = "Print only the drafts that fail the rubric." };
        var drafts = new Command("drafts", "Print, for every complaint of a JSONL file, the reply draft, the dispatch note and the rubric's verdict.")
        {
            draftsFile, failuresOnly, knowledgeOption,
        };
        drafts.SetAction(r => Drafts(r.GetValue(knowledgeOption), r.GetValue(draftsFile)!, r.GetValue(failuresOnly), stdout));

        return new Command("hotline", "The 12345 hotline assistant: complaint triage and reply drafts.") { eval, draft, drafts };
    }

    private static int Eval(string? knowledgeOption, string file, bool verbose, TextWriter stdout)
    {
        file = AssistantCli.FindUpwards(file);
        if (!File.Exists(file))
        {
            stdout.WriteLine($"No such file: {file}");
            return 2;
        }

        using var runtime = AssistantCli.Load(knowledgeOption);
        var report = HotlineEvaluator.Run(runtime.Triage, HotlineEvaluator.Read(file));
        stdout.WriteLine($"{report.Results.Count} complaints");
        stdout.WriteLine($"{"field",-10} {"right",6} {"accuracy",8}");
        foreach (var (field, accuracy) in report.Fields())
        {
            stdout.WriteLine($"{field,-10} {(int)Math.Round(accuracy * report.Results.Count),6} {accuracy,8:0.000}");
        }

        if (verbose)
        {
            foreach (var r in report.Results.Where(r => !r.Passed))
            {
                stdout.WriteLine($"FAIL {r.Item.Complaint}\n     {string.Join("; ", r.Failures())}");
            }
        }

        return 0;
    }

    private static int Drafts(string? knowledgeOption, string file, bool failuresOnly, TextWriter stdout)
    {
        file = AssistantCli.FindUpwards(file);
        if (!File.Exists(file))
        {
            stdout.WriteLine($"No such file: {file}");
            return 2;
        }

        var complaints = File.ReadLines(file)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("complaint").GetString() ?? "")
            .ToList();
        using var runtime = AssistantCli.Load(knowledgeOption);
        var drafter = new HotlineDrafter(runtime.Knowledge, new HotlineOptions().Terms, runtime.Triage.Guide);
        var rubric = new DraftRubric(runtime.Knowledge, runtime.Gazetteer);
        var passed = 0;
        foreach (var (complaint, n) in complaints.Select((c, i) => (c, i + 1)))
        {
            var triage = runtime.Triage.Triage(complaint);
            var reply = drafter.Draft(triage);
            var verdict = rubric.Check(reply.Draft, triage.Covered);
            passed += verdict.Passed ? 1 : 0;
            if (failuresOnly && verdict.Passed)
            {
                continue;
            }

            stdout.WriteLine($"=== {n} ===");
            stdout.WriteLine($"诉求：{PersonalData.Mask(complaint)}");
            stdout.WriteLine($"答复（{verdict.Length} 字，{(verdict.Passed ? "通过" : "未通过：" + string.Join("；", verdict.Problems))}）：");
            stdout.WriteLine(reply.Draft);
            stdout.WriteLine(reply.DispatchNote);
            stdout.WriteLine();
        }

        stdout.WriteLine($"{passed}/{complaints.Count} drafts pass the rubric ({(complaints.Count == 0 ? 0 : passed / (double)complaints.Count):0.000})");
        return 0;
    }

    private static int Draft(string? knowledgeOption, string complaint, bool json, TextWriter stdout)
    {
        using var runtime = AssistantCli.Load(knowledgeOption);
        var triage = runtime.Triage.Triage(complaint);
        var defaults = new HotlineOptions();
        var reply = new HotlineDrafter(runtime.Knowledge, defaults.Terms, runtime.Triage.Guide).Draft(triage);
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(HotlineTriageView.From(triage), AssistantCli.Json));
        }

        stdout.WriteLine(reply.Draft);
        stdout.WriteLine();
        stdout.WriteLine(reply.DispatchNote);
        return 0;
    }
}
