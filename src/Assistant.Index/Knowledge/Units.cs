namespace Assistant.Index.Knowledge;

public enum UnitKind
{
    DistrictBureau,
    MunicipalBranch,
    StreetOffice,
    Company,
    Group,
}

/// <summary>A responsible unit as the plan spells it, with the names people actually use.</summary>
public sealed record Unit(string Name, UnitKind Kind, IReadOnlyList<string> Aliases);

/// <summary>One of the 15 街道: official name, the seed's spelling, short forms and known places.</summary>
public sealed record Street(string Name, string SeedName, IReadOnlyList<string> ShortNames, IReadOnlyList<string> Places)
{
    /// <summary>The street's own office, as a unit name (各街道办事处 gives street offices roles).</summary>
    public string Office => Name + "办事处";
}

/// <summary>Colloquial words and the plan's word for them (噪音 → 噪声).</summary>
public sealed record SynonymGroup(string Canonical, IReadOnlyList<string> Variants);
