using System.Text.Json;
using Assistant.Index.Knowledge;
using Assistant.Index.Search;

namespace Assistant.Index.Ai;

/// <summary>
/// What the plugins returned to a model during one turn, kept as the model saw it (the JSON of each record). The
/// grounding check reads it as texts: every string and number, and for every record with a <c>ref</c> the texts that
/// belong to that reference (its own and its parents', so a unit's duty rows carry the unit's name).
/// </summary>
public sealed class GroundingEvidence
{
    private readonly Lock _gate = new();
    private readonly List<object> _records = [];
    private readonly List<string> _texts = [];
    private readonly Dictionary<string, List<string>> _byRef = new(StringComparer.Ordinal);

    /// <summary>Evidence that starts with the plan's header (title, number, issuer): the system prompt names it.</summary>
    public static GroundingEvidence ForPlan(Plan plan)
    {
        var evidence = new GroundingEvidence();
        evidence.Add(new { plan.Title, plan.DocumentNumber, plan.Issuer });
        return evidence;
    }

    /// <summary>The records as returned, in order (the header first when made by <see cref="ForPlan"/>).</summary>
    public IReadOnlyList<object> Records
    {
        get
        {
            lock (_gate)
            {
                return _records.ToList();
            }
        }
    }

    /// <summary>
    /// Records a plugin's result and returns what the model is given (the record's JSON, a string as it is), so what
    /// is checked is what it saw.
    /// </summary>
    public string Add(object? record)
    {
        var json = PlanRecordJson.Serialize(record);
        using var document = JsonDocument.Parse(json);
        lock (_gate)
        {
            if (record is not null)
            {
                _records.Add(record);
            }

            AllTexts(document.RootElement, _texts);
            Walk(document.RootElement, []);
        }

        return record as string ?? json;
    }

    /// <summary>Every reference the evidence holds (record refs and references written inside its texts).</summary>
    internal IReadOnlySet<string> References()
    {
        lock (_gate)
        {
            var refs = new HashSet<string>(_byRef.Keys, StringComparer.Ordinal);
            foreach (var text in _texts)
            {
                refs.UnionWith(GroundingText.FindReferences(text).Select(r => r.Canonical));
            }

            return refs;
        }
    }

    /// <summary>
    /// The texts a statement citing <paramref name="refs"/> may draw on: those of the records with these references,
    /// or all texts when it cites none or no record of its own stands behind them (a draft that merely names them).
    /// </summary>
    internal EvidenceScope Scope(IReadOnlyCollection<string> refs)
    {
        lock (_gate)
        {
            var texts = _byRef
                .Where(e => refs.Any(r => e.Key == r || e.Key.StartsWith(r + "-", StringComparison.Ordinal)))
                .SelectMany(e => e.Value)
                .ToList();
            return new EvidenceScope(texts.Count > 0 ? texts : _texts.ToList());
        }
    }

    private void Walk(JsonElement element, List<string> inherited)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, inherited);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (RefOf(element) is { } reference)
        {
            if (!_byRef.TryGetValue(reference, out var texts))
            {
                _byRef[reference] = texts = [];
            }

            texts.AddRange(inherited);
            AllTexts(element, texts);
        }

        var own = new List<string>(inherited);
        DirectTexts(element, own);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                Walk(property.Value, own);
            }
        }
    }

    private static string? RefOf(JsonElement element) =>
        element.TryGetProperty("ref", out var value) && value.ValueKind == JsonValueKind.String
            && GroundingText.FindReferences(ChineseText.Normalize(value.GetString()!)).FirstOrDefault() is { } found
            ? found.Canonical
            : null;

    private static bool IsRecord(JsonElement element) => element.ValueKind == JsonValueKind.Object && RefOf(element) is not null;

    private static void AllTexts(JsonElement element, List<string> into) => Texts(element, into, ownOnly: false);

    /// <summary>Texts of this value and of the values nested in it that are not records of their own.</summary>
    private static void DirectTexts(JsonElement element, List<string> into) => Texts(element, into, ownOnly: true);

    private static void Texts(JsonElement element, List<string> into, bool ownOnly)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(ChineseText.Normalize(element.GetString()!));
                break;
            case JsonValueKind.Number:
                into.Add(element.GetRawText());
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray().Where(i => !ownOnly || !IsRecord(i)))
                {
                    Texts(item, into, ownOnly);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject().Where(p => !ownOnly || !IsRecord(p.Value)))
                {
                    Texts(property.Value, into, ownOnly);
                }

                break;
        }
    }
}

/// <summary>The evidence texts one statement may draw on, with the numbers and dates they hold.</summary>
internal sealed class EvidenceScope(IReadOnlyList<string> texts)
{
    private HashSet<string>? _numbers;
    private HashSet<DateOnly>? _dates;

    public bool Mentions(string normalizedSurface) => texts.Any(t => t.Contains(normalizedSurface, StringComparison.Ordinal));

    public bool HasNumber(string canonical) => (_numbers ??= texts.SelectMany(GroundingText.Numbers).ToHashSet(StringComparer.Ordinal)).Contains(canonical);

    public bool HasDate(DateOnly date) =>
        (_dates ??= texts.SelectMany(t => GroundingText.FindDeadlines(t).SelectMany(d => d.Dates)).ToHashSet()).Contains(date);
}
