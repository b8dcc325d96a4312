using System.Collections.Frozen;

namespace Assistant.Index.Knowledge;

/// <summary>
/// The loaded knowledge with its lookups. Immutable and shared: built once at start-up.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly FrozenDictionary<string, PlanTask> _tasks;
    private readonly FrozenDictionary<string, Measure> _measures;
    private readonly FrozenDictionary<string, Unit> _units;
    private readonly FrozenDictionary<string, Street> _streets;

    public KnowledgeBase(Plan plan, IReadOnlyList<Unit> units, IReadOnlyList<Street> streets, IReadOnlyList<SynonymGroup> synonyms,
        Understanding.EverydayWords? everyday = null)
    {
        Plan = plan;
        Everyday = everyday ?? Understanding.EverydayWords.Empty;
        Units = units;
        Streets = streets;
        Synonyms = synonyms;
        _tasks = plan.Tasks.ToFrozenDictionary(t => t.Ref, StringComparer.Ordinal);
        _measures = plan.Measures.ToFrozenDictionary(m => m.Ref, StringComparer.Ordinal);
        _units = units.ToFrozenDictionary(u => u.Name, StringComparer.Ordinal);
        _streets = streets.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public Plan Plan { get; }

    public IReadOnlyList<Unit> Units { get; }

    public IReadOnlyList<Street> Streets { get; }

    /// <summary>
    /// Roads between two streets or through several (streets.json <c>boundaryRoads</c>): they name no street, and a
    /// street's short name inside one (德胜 in 德胜门西大街) must not claim it.
    /// </summary>
    public IReadOnlyList<string> BoundaryRoads { get; init; } = [];

    public IReadOnlyList<SynonymGroup> Synonyms { get; }

    /// <summary>Everyday words and alternate questions per measure, indicator and unit (knowledge/understanding/).</summary>
    public Understanding.EverydayWords Everyday { get; }

    public IEnumerable<Measure> Measures => Plan.Measures;

    public PlanTask? FindTask(string reference) => _tasks.GetValueOrDefault(reference);

    public Measure? FindMeasure(string reference) => _measures.GetValueOrDefault(reference);

    public PlanTask? FindTask(int annex, int task) => FindTask(References.Task(annex, task));

    public Unit? FindUnit(string name) => _units.GetValueOrDefault(name);

    public Street? FindStreet(string name) =>
        _streets.GetValueOrDefault(name)
        ?? Streets.FirstOrDefault(s => s.SeedName == name || s.ShortNames.Contains(name));

    /// <summary>Measures that name the unit as lead (by its own name only; see <see cref="StreetOfficeGroups.NamesInTables"/>).</summary>
    public IReadOnlyList<Measure> LedBy(string unit) =>
        Plan.Measures.Where(m => m.LeadUnits.Contains(unit)).ToList();

    /// <summary>Measures a unit co-operates on (协办).</summary>
    public IReadOnlyList<Measure> CoOperatedBy(string unit) =>
        Plan.Measures.Where(m => m.CoUnits.Contains(unit)).ToList();

    /// <summary>Measures that fall due within [from, to] (end date inside the window).</summary>
    public IReadOnlyList<Measure> DueWithin(DateOnly from, DateOnly to) =>
        Plan.Measures.Where(m => m.Deadline.DueWithin(from, to)).ToList();

    public StreetTarget? TargetFor(Street street) =>
        Plan.StreetTargets.FirstOrDefault(t => t.Street == street.SeedName || t.Street == street.Name);
}
