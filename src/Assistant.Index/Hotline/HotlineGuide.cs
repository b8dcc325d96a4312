using System.Text.Json;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Hotline;

/// <summary>The ten complaint categories of issue 4, in the order the operator page and the statistics show them.</summary>
public static class ComplaintCategories
{
    public const string CookingFumes = "餐饮油烟";
    public const string ConstructionNoise = "建筑施工噪声";
    public const string TrafficNoise = "交通运输噪声";
    public const string SocialNoise = "社会生活噪声";
    public const string Dust = "扬尘";
    public const string LooseCoal = "散煤";
    public const string Fireworks = "烟花爆竹";
    public const string Water = "水环境";
    public const string Charging = "充电设施";
    public const string Other = "其他";

    public static readonly IReadOnlyList<string> All =
    [
        CookingFumes, ConstructionNoise, TrafficNoise, SocialNoise, Dust, LooseCoal, Fireworks, Water, Charging, Other,
    ];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

/// <summary>A group of cue words inside a category that points to more specific measures (扬尘 at a 工地 → 附件1-14).</summary>
/// <summary>
/// A group of cue words inside a category that points to more specific measures (扬尘 at a 工地 → 附件1-14). Its
/// <see cref="Lead"/>, when set, is the one department of its first measure's leads that handles such complaints.
/// </summary>
/// <remarks>
/// <see cref="LeadRef"/>: the row that makes <see cref="Lead"/> responsible when it is not the topic's first ref (露天烧烤:
/// 区城管执法局 by 附件1-25-1, while the basis stays the category's). <see cref="NoQuote"/>: no clause of the rows fits
/// this matter (飞线充电 is a safety hazard, not charger building), so the reply quotes none.
/// </remarks>
public sealed record TopicGuide(string Name, IReadOnlyList<string> Cues, IReadOnlyList<string> Refs, string? Lead = null, string? LeadRef = null, bool NoQuote = false);

/// <summary>
/// One category: its cue words with weights, for a noise kind the cues that count only when the text is about noise
/// (<see cref="ContextCues"/>: 工地 is noise evidence only next to 吵), and the plan measures that apply. A
/// <see cref="Loud"/> category is a noise source in itself (鞭炮): noise words next to it describe it.
/// </summary>
public sealed record CategoryGuide(
    string Name,
    bool Noise,
    bool Loud,
    IReadOnlyDictionary<string, int> Cues,
    IReadOnlyDictionary<string, int> ContextCues,
    IReadOnlyList<TopicGuide> Topics,
    IReadOnlyList<string> Refs,
    IReadOnlyList<string> DefaultRefs,
    string? Lead = null);

/// <summary>
/// How the caller-facing reply picks the one clause of the plan it quotes: clauses with a <see cref="Prefer"/> word
/// (查处, 治理: what is done about a complaint), never one with an <see cref="Avoid"/> word (考核, 台账: the
/// administration's own work — no exact fit for a caller, so none is quoted rather than a loose one). <see cref="PermitWords"/> flag a complaint about a permit or licence.
/// </summary>
/// <see cref="Generic"/> clauses fit every complaint of a kind and so none exactly (重点解决……共性问题): never quoted.
public sealed record ReplyGuide(IReadOnlyList<string> Prefer, IReadOnlyList<string> Avoid, IReadOnlyList<string> PermitWords, IReadOnlyList<string>? Generic = null);

/// <summary>
/// knowledge/hotline.json: how complaints map to categories and categories to the plan's measures. Kept as data so
/// the mapping can be read and corrected without code, and proved against plan.json by <see cref="Validate"/>.
/// </summary>
public sealed record HotlineGuide(
    int MinScore,
    int SecondaryMinScore,
    IReadOnlyDictionary<string, int> NoiseWords,
    IReadOnlyList<string> NeutralWords,
    IReadOnlyList<string> NotStreetContexts,
    IReadOnlyList<CategoryGuide> Categories,
    ReplyGuide? Reply = null)
{
    public const string FileName = "hotline.json";

    public CategoryGuide Category(string name) => Categories.First(c => c.Name == name);

    public static HotlineGuide Load(string knowledgeDirectory)
    {
        var path = Path.Combine(knowledgeDirectory, FileName);
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<GuideFile>(stream, KnowledgeLoader.Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new HotlineGuide(
            file.MinScore,
            file.SecondaryMinScore,
            Normalized(file.NoiseWords),
            file.NeutralWords?.Select(ChineseText.Normalize).ToList() ?? [],
            file.NotStreetContexts?.Select(ChineseText.Normalize).ToList() ?? [],
            file.Categories.Select(c => new CategoryGuide(
                c.Name,
                c.Noise,
                c.Loud,
                Normalized(c.Cues),
                Normalized(c.ContextCues),
                (c.Topics ?? []).Select(t => new TopicGuide(t.Name, t.Cues.Select(ChineseText.Normalize).ToList(), t.Refs, t.Lead, t.LeadRef, t.NoQuote)).ToList(),
                c.Refs ?? [],
                c.DefaultRefs ?? [],
                c.Lead)).ToList(),
            new ReplyGuide(file.Reply?.Prefer ?? [], file.Reply?.Avoid ?? [], file.Reply?.PermitWords?.Select(ChineseText.Normalize).ToList() ?? [], file.Reply?.Generic ?? []));
    }

    /// <summary>Every category named once and known, every ref a measure of the plan.</summary>
    public IReadOnlyList<string> Validate(KnowledgeBase knowledge)
    {
        var problems = new List<string>();
        var names = Categories.Select(c => c.Name).ToList();
        foreach (var missing in ComplaintCategories.All.Except(names))
        {
            problems.Add($"category '{missing}' missing");
        }

        foreach (var unknown in names.Except(ComplaintCategories.All))
        {
            problems.Add($"category '{unknown}' is not one of the ten");
        }

        foreach (var repeated in names.GroupBy(n => n).Where(g => g.Count() > 1))
        {
            problems.Add($"category '{repeated.Key}' listed twice");
        }

        foreach (var category in Categories)
        {
            var refs = category.Refs.Concat(category.DefaultRefs).Concat(category.Topics.SelectMany(t => t.Refs));
            foreach (var reference in refs.Where(r => knowledge.FindMeasure(r) is null))
            {
                problems.Add($"{category.Name}: '{reference}' is not a measure in plan.json");
            }

            // A named lead must be one the plan gives that row (its first measure): the reply names it to the caller.
            foreach (var (lead, first) in category.Topics.Select(t => (t.Lead, t.LeadRef ?? t.Refs.FirstOrDefault()))
                .Append((category.Lead, category.DefaultRefs.Concat(category.Refs).FirstOrDefault())))
            {
                if (lead is not null && (first is null || knowledge.FindMeasure(first) is not { } m || !m.LeadUnits.Contains(lead)))
                {
                    problems.Add($"{category.Name}: lead '{lead}' is not a lead unit of {first}");
                }
            }

            if (category.Noise && category.Cues.Count == 0)
            {
                problems.Add($"{category.Name}: a noise kind needs cue words of its own");
            }
        }

        return problems;
    }

    private static Dictionary<string, int> Normalized(IReadOnlyDictionary<string, int>? cues) =>
        // 揚塵 and 扬尘 normalise alike: the stronger weight stands.
        (cues ?? new Dictionary<string, int>()).GroupBy(p => ChineseText.Normalize(p.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(p => p.Value), StringComparer.Ordinal);

    private sealed record GuideFile(
        int MinScore,
        int SecondaryMinScore,
        IReadOnlyDictionary<string, int>? NoiseWords,
        IReadOnlyList<string>? NeutralWords,
        IReadOnlyList<string>? NotStreetContexts,
        IReadOnlyList<CategoryFile> Categories,
        ReplyFile? Reply);

    private sealed record ReplyFile(IReadOnlyList<string>? Prefer, IReadOnlyList<string>? Avoid, IReadOnlyList<string>? PermitWords, IReadOnlyList<string>? Generic);

    private sealed record CategoryFile(
        string Name,
        bool Noise,
        bool Loud,
        IReadOnlyDictionary<string, int>? Cues,
        IReadOnlyDictionary<string, int>? ContextCues,
        IReadOnlyList<TopicFile>? Topics,
        IReadOnlyList<string>? Refs,
        IReadOnlyList<string>? DefaultRefs,
        string? Lead);

    private sealed record TopicFile(string Name, IReadOnlyList<string> Cues, IReadOnlyList<string> Refs, string? Lead, string? LeadRef, bool NoQuote);
}
