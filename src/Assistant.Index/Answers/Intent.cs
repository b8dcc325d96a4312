namespace Assistant.Index.Answers;

/// <summary>What a question asks for. The API spells these in lower case.</summary>
public enum Intent
{
    /// <summary>Who leads (主责单位).</summary>
    Lead,
    /// <summary>By when (完成时限).</summary>
    Deadline,
    /// <summary>Who co-operates (协办单位).</summary>
    Co,
    /// <summary>Everything a unit leads / co-operates on, or what falls due in a period.</summary>
    Duties,
    /// <summary>Numeric targets: street and district tables, numbers inside measures.</summary>
    Indicator,
    /// <summary>Any other question whose answer is a measure.</summary>
    Search,
    /// <summary>No basis in the plan.</summary>
    None,
}

public static class IntentNames
{
    public static string ToApi(this Intent intent) => intent switch
    {
        Intent.Lead => "lead",
        Intent.Deadline => "deadline",
        Intent.Co => "co",
        Intent.Duties => "duties",
        Intent.Indicator => "indicator",
        Intent.Search => "search",
        _ => "none",
    };

    public static Intent? FromApi(string? name) => name switch
    {
        "lead" => Intent.Lead,
        "deadline" => Intent.Deadline,
        "co" => Intent.Co,
        "duties" => Intent.Duties,
        "indicator" => Intent.Indicator,
        "search" => Intent.Search,
        "none" => Intent.None,
        _ => null,
    };
}
