namespace Assistant.Bot.Security;

/// <summary>
/// The assistant's roles, lowest first. Each includes the ones below it: admin ⊇ operator ⊇ staff ⊇ citizen.
/// A citizen is anyone, unauthenticated; the others come from an API key, a bearer token or a Teams user's mapping.
/// </summary>
public static class Roles
{
    public const string Citizen = "citizen";
    public const string Staff = "staff";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Citizen, Staff, Operator, Admin];

    /// <summary>True when <paramref name="held"/> includes <paramref name="needed"/> (an operator may do what staff may).</summary>
    public static bool Grants(string held, string needed) => Rank(held) >= Rank(needed) && Rank(needed) >= 0;

    /// <summary>The roles that include <paramref name="role"/>: itself and those above it.</summary>
    public static string[] AtLeast(string role) => All.Skip(Math.Max(0, Rank(role))).ToArray();

    /// <summary>The higher of two roles.</summary>
    public static string Higher(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string role) => role switch
    {
        Citizen => 0,
        Staff => 1,
        Operator => 2,
        Admin => 3,
        _ => -1,
    };
}

/// <summary>Authorization policies, one per role that endpoints require.</summary>
public static class Policies
{
    /// <summary>Staff, operators and admins: the month's complaint figures (counts, never texts).</summary>
    public const string Staff = "staff";

    /// <summary>Operators and admins: complaint texts and reply drafts, the operator page.</summary>
    public const string Operator = "operator";

    public const string Admin = "admin";
}
