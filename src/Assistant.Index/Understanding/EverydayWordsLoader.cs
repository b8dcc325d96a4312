using System.Text.Json;
using Assistant.Index.Knowledge;

namespace Assistant.Index.Understanding;

/// <summary>Reads knowledge/understanding/*.json (format: annex-N.json, indicators.json, units.json). Fails loudly on a malformed file.</summary>
public static class EverydayWordsLoader
{
    public const string Folder = "understanding";

    public static EverydayWords Load(string knowledgeDirectory)
    {
        var folder = Path.Combine(knowledgeDirectory, Folder);
        if (!Directory.Exists(folder))
        {
            return EverydayWords.Empty;
        }

        var files = new List<string>();
        var measures = new List<MeasureWords>();
        foreach (var path in Directory.GetFiles(folder, "annex-*.json").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(path));
            var annex = Read<AnnexFile>(path);
            measures.AddRange(annex.Measures.Select(m => new MeasureWords(m.Ref, Concepts(m.Concepts), new AlternateQuestions(
                m.Questions?.Citizen ?? [], m.Questions?.Operator ?? [], m.Questions?.Staff ?? []))));
        }

        IReadOnlyList<IndicatorWords> district = [];
        IReadOnlyList<StreetColumnWords> columns = [];
        var indicatorsPath = Path.Combine(folder, "indicators.json");
        if (File.Exists(indicatorsPath))
        {
            files.Add("indicators.json");
            var file = Read<IndicatorsFile>(indicatorsPath);
            district = (file.District ?? []).Select(d => new IndicatorWords(d.Name, Concepts(d.Concepts), d.Questions ?? [])).ToList();
            columns = (file.StreetColumns ?? []).Select(c => new StreetColumnWords(c.Column, Concepts(c.Concepts), c.Questions ?? [])).ToList();
        }

        IReadOnlyList<UnitNicknames> units = [];
        IReadOnlyList<AmbiguousNickname> ambiguous = [];
        var unitsPath = Path.Combine(folder, "units.json");
        if (File.Exists(unitsPath))
        {
            files.Add("units.json");
            var file = Read<UnitsFile>(unitsPath);
            units = (file.Units ?? []).Select(u => new UnitNicknames(u.Name, u.Everyday ?? [], u.Staff ?? [])).ToList();
            ambiguous = (file.Ambiguous ?? []).Select(a => new AmbiguousNickname(a.Word, a.Units ?? [])).ToList();
        }

        return new EverydayWords(measures, district, columns, units, ambiguous, files);
    }

    private static List<Concept> Concepts(IReadOnlyList<ConceptFile>? concepts) =>
        (concepts ?? []).Select(c => new Concept(c.Plan, c.Everyday ?? [])).ToList();

    private static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, KnowledgeLoader.Json) ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    // The JSON shapes (knowledge/README.md, "understanding/").
    private sealed record AnnexFile(int Annex, IReadOnlyList<MeasureFile> Measures);

    private sealed record MeasureFile(string Ref, IReadOnlyList<ConceptFile>? Concepts, QuestionsFile? Questions);

    private sealed record QuestionsFile(IReadOnlyList<string>? Citizen, IReadOnlyList<string>? Operator, IReadOnlyList<string>? Staff);

    private sealed record ConceptFile(string Plan, IReadOnlyList<string>? Everyday);

    private sealed record IndicatorsFile(IReadOnlyList<DistrictFile>? District, IReadOnlyList<ColumnFile>? StreetColumns);

    private sealed record DistrictFile(string Name, IReadOnlyList<ConceptFile>? Concepts, IReadOnlyList<string>? Questions);

    private sealed record ColumnFile(string Column, IReadOnlyList<ConceptFile>? Concepts, IReadOnlyList<string>? Questions);

    private sealed record UnitsFile(IReadOnlyList<UnitFile>? Units, IReadOnlyList<AmbiguousFile>? Ambiguous);

    private sealed record UnitFile(string Name, IReadOnlyList<string>? Everyday, IReadOnlyList<string>? Staff);

    private sealed record AmbiguousFile(string Word, IReadOnlyList<string>? Units);
}
