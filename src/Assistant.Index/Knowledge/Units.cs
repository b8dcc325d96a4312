namespace Assistant.Index.Knowledge;

public enum UnitKind
{
    DistrictBureau,
    MunicipalBranch,
    StreetOffice,
    Company,
    Group,
}

public static class UnitKinds
{
    /// <summary>The kind as Chinese output names it.</summary>
    public static string ChineseName(this UnitKind kind) => kind switch
    {
        UnitKind.DistrictBureau => "区级部门",
        UnitKind.MunicipalBranch => "市属驻区单位",
        UnitKind.StreetOffice => "街道",
        UnitKind.Company => "企业",
        UnitKind.Group => "单位统称",
        _ => kind.ToString(),
    };
}

/// <summary>Lists of unit names in Chinese text.</summary>
public static class UnitNames
{
    /// <summary>
    /// The names joined with 、; a group label that starts with 等 ("等其他…成员单位") follows the name before it directly,
    /// as in the plan ("区发展改革委等其他…"), never after a 、.
    /// </summary>
    public static string Join(IEnumerable<string> units)
    {
        var text = new System.Text.StringBuilder();
        foreach (var unit in units)
        {
            if (text.Length > 0 && !unit.StartsWith('等'))
            {
                text.Append('、');
            }

            text.Append(unit);
        }

        return text.ToString();
    }
}

/// <summary>A responsible unit as the plan spells it, with the names people actually use.</summary>
public sealed record Unit(string Name, UnitKind Kind, IReadOnlyList<string> Aliases);

/// <summary>One of the 15 街道: official name, the seed's spelling, short forms and known places.</summary>
public sealed record Street(string Name, string SeedName, IReadOnlyList<string> ShortNames, IReadOnlyList<string> Places)
{
    /// <summary>The street's own office, as a unit name (各街道办事处 gives street offices roles).</summary>
    public string Office => Name + "办事处";
}

/// <summary>
/// The plan's group names for street offices: a row naming one gives every (or the concerned) street office a role.
/// </summary>
public static class StreetOfficeGroups
{
    public const string All = "各街道办事处";

    public const string Concerned = "相关街道办事处";

    public static bool Contains(string unit) => unit is All or Concerned;

    /// <summary>The names under which a unit or a street appears in the tables: its own, and for a street office the groups.</summary>
    public static HashSet<string> NamesInTables(Unit? unit, Street? street)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (unit is not null)
        {
            names.Add(unit.Name);
        }

        if (street is not null || unit?.Kind == UnitKind.StreetOffice)
        {
            names.UnionWith([All, Concerned]);
            if (street is not null)
            {
                names.UnionWith([street.Name, street.SeedName, street.Office]);
            }
        }

        return names;
    }
}

/// <summary>Colloquial words and the plan's word for them (噪音 → 噪声).</summary>
public sealed record SynonymGroup(string Canonical, IReadOnlyList<string> Variants);
