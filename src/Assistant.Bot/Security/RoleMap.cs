using Microsoft.Extensions.Options;

namespace Assistant.Bot.Security;

/// <summary>Who holds which role, by the Assistant:Auth role lists. Ids and names compare case-insensitively (GUIDs vary in case).</summary>
public sealed class RoleMap(IOptions<AuthOptions> options)
{
    /// <summary>
    /// The highest role that any of <paramref name="principals"/> is listed under; when <paramref name="roleNamesCount"/>
    /// (values of a token's role claims), a value that is a role's own name ("operator") counts too. None → citizen.
    /// </summary>
    public string RoleOf(IEnumerable<string> principals, bool roleNamesCount = false)
    {
        var settings = options.Value;
        var role = Roles.Citizen;
        foreach (var principal in principals)
        {
            var value = principal.Trim();
            if (roleNamesCount && Roles.All.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                role = Roles.Higher(role, value.ToLowerInvariant());
            }

            if (Listed(settings.Admins, value))
            {
                role = Roles.Higher(role, Roles.Admin);
            }
            else if (Listed(settings.Operators, value))
            {
                role = Roles.Higher(role, Roles.Operator);
            }
            else if (Listed(settings.Staff, value))
            {
                role = Roles.Higher(role, Roles.Staff);
            }
        }

        return role;
    }

    /// <summary>Every listed principal, highest role first: the candidates to ask Microsoft Graph about as groups.</summary>
    public IReadOnlyList<string> ListedPrincipals
    {
        get
        {
            var settings = options.Value;
            return settings.Admins.Concat(settings.Operators).Concat(settings.Staff)
                .Select(p => p.Trim())
                .Where(p => p.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
    }

    /// <summary>True when users of <paramref name="tenantId"/> may hold a role at all (Assistant:Auth:TenantIds).</summary>
    public bool TrustsTenant(string? tenantId) =>
        tenantId is not null && options.Value.TenantIds.Contains(tenantId.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool Listed(string[] list, string value) =>
        value.Length > 0 && list.Any(p => string.Equals(p.Trim(), value, StringComparison.OrdinalIgnoreCase));
}
