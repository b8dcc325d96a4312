using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Index.Knowledge;

/// <summary>Reads knowledge/*.json into the immutable model. Fails loudly on a malformed file.</summary>
public static class KnowledgeLoader
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>Finds the knowledge folder: next to the app (copied at build) or up from the current folder.</summary>
    public static string LocateDirectory(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "knowledge");
                if (File.Exists(Path.Combine(candidate, "plan.json")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("No knowledge/plan.json found next to the app or above the current folder.");
    }

    public static KnowledgeBase Load(string knowledgeDirectory) => Load(knowledgeDirectory, [], out _);

    /// <summary>The knowledge with approved split corrections applied (<see cref="SplitCorrections.Apply"/>).</summary>
    /// <param name="skipped">Corrections that no longer fit the plan, left out.</param>
    public static KnowledgeBase Load(string knowledgeDirectory, IReadOnlyList<SplitCorrection> corrections, out IReadOnlyList<SplitCorrection> skipped)
    {
        var plan = SplitCorrections.Apply(ReadPlan(Path.Combine(knowledgeDirectory, "plan.json")), corrections, out skipped);
        var units = Read<UnitsFile>(Path.Combine(knowledgeDirectory, "units.json")).Units
            .Select(u => new Unit(u.Name, u.Kind, u.Aliases ?? [])).ToList();
        var streetsFile = Read<StreetsFile>(Path.Combine(knowledgeDirectory, "streets.json"));
        var streets = streetsFile.Streets
            .Select(s => new Street(s.Name, s.SeedName ?? s.Name, s.ShortNames ?? [], s.Places ?? [])).ToList();
        var synonyms = Read<SynonymsFile>(Path.Combine(knowledgeDirectory, "synonyms.json")).Groups
            .Select(g => new SynonymGroup(g.Canonical, g.Variants)).ToList();
        return new KnowledgeBase(plan, units, streets, synonyms, Understanding.EverydayWordsLoader.Load(knowledgeDirectory))
        {
            BoundaryRoads = streetsFile.BoundaryRoads ?? [],
        };
    }

    public static Plan ReadPlan(string path)
    {
        var file = Read<PlanFile>(path);
        var annexes = file.Annexes.Select(a => new Annex(a.Number, a.Title, a.Tasks.Select(t =>
            new PlanTask(a.Number, t.Number, t.Name, t.Section, t.Measures.Select((m, i) => new Measure(
                a.Number, t.Number, i + 1, t.Name, t.Section, m.Text, Deadline.Parse(m.Deadline),
                m.LeadUnits, m.CoUnits, m.SplitInferred, m.Note, m.NoteZh)).ToList())).ToList())).ToList();
        return new Plan(file.Id, file.Title, file.DocumentNumber, file.Issuer, file.Issued, file.Source, annexes,
            file.StreetTargets, file.DistrictTargets.Select(d => d with { Keywords = d.Keywords ?? [] }).ToList());
    }

    private static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    // The JSON shapes, kept private: the rest of the code sees only the records above.
    private sealed record PlanFile(
        string Id, string Title, string DocumentNumber, string Issuer, string Issued, string Source,
        IReadOnlyList<AnnexFile> Annexes, IReadOnlyList<StreetTarget> StreetTargets, IReadOnlyList<DistrictTarget> DistrictTargets);

    private sealed record AnnexFile(int Number, string Title, IReadOnlyList<TaskFile> Tasks);

    private sealed record TaskFile(int Number, string Name, string Section, IReadOnlyList<MeasureFile> Measures);

    private sealed record MeasureFile(
        string Text, string Deadline, IReadOnlyList<string> LeadUnits, IReadOnlyList<string> CoUnits, bool SplitInferred, string? Note,
        string? NoteZh);

    private sealed record UnitsFile(IReadOnlyList<UnitFile> Units);

    private sealed record UnitFile(string Name, UnitKind Kind, IReadOnlyList<string>? Aliases);

    private sealed record StreetsFile(IReadOnlyList<StreetFile> Streets, IReadOnlyList<string>? BoundaryRoads);

    private sealed record StreetFile(string Name, string? SeedName, IReadOnlyList<string>? ShortNames, IReadOnlyList<string>? Places);

    private sealed record SynonymsFile(IReadOnlyList<SynonymGroupFile> Groups);

    private sealed record SynonymGroupFile(string Canonical, IReadOnlyList<string> Variants);
}
