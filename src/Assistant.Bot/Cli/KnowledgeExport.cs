using System.CommandLine;
using Assistant.Bot.Progress;
using Assistant.Index.Knowledge;

namespace Assistant.Bot.Cli;

/// <summary>
/// <c>knowledge export [--output plan.json]</c>: plan.json with the split corrections approved on the server (its database:
/// --data / --postgres, as for <c>staff key</c>) written in, for the repository. The written file is read back and checked
/// against the seed before the command says it is done.
/// </summary>
public static class KnowledgeExport
{
    /// <summary>Where it writes unless told: beside the current folder, never over the knowledge it read.</summary>
    public const string DefaultOutput = "plan.export.json";

    public static Command Create(Option<string?> knowledgeOption, TextWriter stdout)
    {
        var data = new Option<string?>("--data") { Description = "The server's data folder (Assistant:DataDirectory; default data/)." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string (ConnectionStrings:Postgres)." };
        var output = new Option<string?>("--output", "-o") { Description = $"Where to write (default: {DefaultOutput} in the current folder; knowledge/plan.json to replace it)." };
        var export = new Command("export", "Write plan.json with the approved split corrections (splitInferred settled) for the repository.")
        {
            knowledgeOption, data, postgres, output,
        };
        export.SetAction(r => Run(r.GetValue(knowledgeOption), r.GetValue(data), r.GetValue(postgres), r.GetValue(output), stdout));
        return export;
    }

    private static int Run(string? knowledgeDirectory, string? data, string? postgres, string? output, TextWriter stdout)
    {
        var directory = KnowledgeLoader.LocateDirectory(knowledgeDirectory);
        IReadOnlyList<SplitCorrection> approved;
        using (var services = StaffCommands.Services(data, postgres))
        {
            approved = services.GetRequiredService<ISplitStore>().ApprovedAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        var text = PlanExport.Render(directory, approved, out var skipped);
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(output) ? DefaultOutput : output);
        File.WriteAllText(path, text);

        // Read back what was written, with the rest of the knowledge, and hold it to the seed like `knowledge validate`.
        var knowledge = KnowledgeLoader.Load(directory);
        var written = new KnowledgeBase(KnowledgeLoader.ReadPlan(path), knowledge.Units, knowledge.Streets, knowledge.Synonyms, knowledge.Everyday);
        var seed = File.ReadAllText(Path.GetFullPath(Path.Combine(directory, "..", written.Plan.Source)));
        var problems = new GroundingValidator(seed).Validate(written);
        foreach (var s in skipped)
        {
            stdout.WriteLine($"Left out correction {s.Id} ({s.MeasureRef}: {s.NamedAs} as {SplitRoles.Format(s.Role)}): it no longer fits the plan.");
        }

        foreach (var problem in problems)
        {
            stdout.WriteLine(problem);
        }

        stdout.WriteLine($"Wrote {path}: {approved.Count - skipped.Count} approved split correction(s) on "
            + $"{approved.Except(skipped).Select(c => c.MeasureRef).Distinct().Count()} row(s); "
            + (problems.Count == 0 ? $"grounded in {written.Plan.Source}." : $"{problems.Count} problem(s)."));
        return problems.Count == 0 ? 0 : 1;
    }
}
