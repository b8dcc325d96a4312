namespace Assistant.Index.Knowledge;

public enum DutyRole
{
    Lead,
    Co,
}

/// <summary>How a row gives a unit its role.</summary>
public enum DutyBasis
{
    /// <summary>The row names the unit itself.</summary>
    Named,

    /// <summary>The row names 各街道办事处: every street office.</summary>
    AllStreetOffices,

    /// <summary>The row names 相关街道办事处: the street offices concerned.</summary>
    ConcernedStreetOffices,

    /// <summary>
    /// The row names a group (等其他区委生态文明委环境污染防治工作小组成员单位, 区空气重污染应急指挥部成员单位) and the unit is a
    /// department that may belong to it. The plan lists no members, so this is a reading, and is shown as one.
    /// </summary>
    GroupMember,
}

/// <summary>One of a unit's duties: the measure, the role, and the name the row gives it under.</summary>
public sealed record Duty(Measure Measure, DutyRole Role, DutyBasis Basis, string NamedAs);

/// <summary>
/// Who a duty list is for: a unit of the units table, or one of the 15 street offices (by the street's name, 什刹海街道),
/// with the names under which the tables give it a role.
/// </summary>
public sealed record DutySubject(string Name, UnitKind Kind, IReadOnlyList<string> Aliases, IReadOnlySet<string> NamesInTables)
{
    public bool IsStreetOffice => Kind == UnitKind.StreetOffice;
}

/// <summary>
/// Every unit's duties as the plan gives them: by its own name, as a street office through 各街道办事处 / 相关街道办事处,
/// and as a department through the plan's group labels. The same for the API, the CLI, progress reports and the page.
/// </summary>
public static class DutyRoster
{
    /// <summary>A unit or street office by name or alias (园林局, 德胜, 什刹海街道办事处); null when the plan has none.</summary>
    public static DutySubject? Find(PlanRuntime runtime, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var unit = runtime.FindUnit(trimmed);
        var street = runtime.Knowledge.FindStreet(trimmed)
            ?? runtime.Knowledge.Streets.FirstOrDefault(s => s.Office == trimmed)
            ?? (unit is null || unit.Kind == UnitKind.StreetOffice ? runtime.FindStreet(trimmed) : null);
        if (street is not null && (unit is null || unit.Kind == UnitKind.StreetOffice && !StreetOfficeGroups.Contains(unit.Name)))
        {
            return Of(runtime.Knowledge, street);
        }

        return unit is null ? null : Of(unit);
    }

    public static DutySubject Of(KnowledgeBase knowledge, Street street)
    {
        var aliases = new List<string>(street.ShortNames) { street.Office };
        if (street.SeedName != street.Name)
        {
            aliases.Add(street.SeedName);
        }

        if (knowledge.FindUnit(street.Name) is { } unit)
        {
            aliases.AddRange(unit.Aliases);
        }

        return new DutySubject(street.Name, UnitKind.StreetOffice, aliases.Distinct(StringComparer.Ordinal).ToList(),
            StreetOfficeGroups.NamesInTables(null, street));
    }

    public static DutySubject Of(Unit unit) =>
        new(unit.Name, unit.Kind, unit.Aliases, new HashSet<string>([unit.Name], StringComparer.Ordinal));

    /// <summary>
    /// The units that report: every unit of the units table except the group labels (各街道办事处, 相关街道办事处 and the
    /// member-unit groups), with all 15 street offices in place of the streets the units table happens to list.
    /// </summary>
    public static IReadOnlyList<DutySubject> ReportingUnits(KnowledgeBase knowledge) =>
        knowledge.Units
            .Where(u => u.Kind is not (UnitKind.Group or UnitKind.StreetOffice))
            .Select(Of)
            .Concat(knowledge.Streets.Select(s => Of(knowledge, s)))
            .ToList();

    /// <summary>The subject's duties in plan order: a lead role wins over a co role on the same row.</summary>
    public static IReadOnlyList<Duty> DutiesOf(KnowledgeBase knowledge, DutySubject subject)
    {
        var duties = new List<Duty>();
        foreach (var m in knowledge.Measures)
        {
            if (RoleIn(m, subject) is { } duty)
            {
                duties.Add(duty);
            }
        }

        return duties;
    }

    /// <summary>The subject's role on one measure, or null.</summary>
    public static Duty? RoleIn(Measure m, DutySubject subject)
    {
        foreach (var (role, names) in new[] { (DutyRole.Lead, m.LeadUnits), (DutyRole.Co, m.CoUnits) })
        {
            if (names.FirstOrDefault(subject.NamesInTables.Contains) is { } named)
            {
                return new Duty(m, role, BasisOf(named, subject), named);
            }
        }

        if (!MayBelongToGroups(subject.Kind))
        {
            return null;
        }

        foreach (var (role, names) in new[] { (DutyRole.Lead, m.LeadUnits), (DutyRole.Co, m.CoUnits) })
        {
            if (names.FirstOrDefault(IsMemberGroup) is { } group)
            {
                return new Duty(m, role, DutyBasis.GroupMember, group);
            }
        }

        return null;
    }

    /// <summary>True when a name in the tables is a group of member units (…成员单位), not a unit.</summary>
    public static bool IsMemberGroup(string name) => name.EndsWith("成员单位", StringComparison.Ordinal);

    /// <summary>Departments (district bureaus, municipal branches) make up the plan's working groups and command.</summary>
    private static bool MayBelongToGroups(UnitKind kind) => kind is UnitKind.DistrictBureau or UnitKind.MunicipalBranch;

    private static DutyBasis BasisOf(string named, DutySubject subject) =>
        named == StreetOfficeGroups.All && subject.IsStreetOffice ? DutyBasis.AllStreetOffices
        : named == StreetOfficeGroups.Concerned && subject.IsStreetOffice ? DutyBasis.ConcernedStreetOffices
        : DutyBasis.Named;

    /// <summary>How the basis reads for staff.</summary>
    public static string Describe(DutyBasis basis) => basis switch
    {
        DutyBasis.AllStreetOffices => "各街道办事处",
        DutyBasis.ConcernedStreetOffices => "相关街道办事处",
        DutyBasis.GroupMember => "作为成员单位（计划未列成员名单，请核实）",
        _ => "点名",
    };
}
