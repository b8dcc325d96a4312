using System.Security.Claims;
using System.Text.Encodings.Web;
using Assistant.Bot.Progress;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Security;

/// <summary>
/// <c>X-Api-Key: &lt;key&gt;</c> → a principal holding the key's role. No header → no result (anonymous); a header with
/// a key that is not ours → failure, so a mistyped key is a 401 on protected endpoints, never a silent downgrade.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, ApiKeys keys, IUnitSecretStore unitKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        if (keys.RoleOf(values[0]) is { } role)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(AuthSchemes.Principal(Scheme.Name, $"api-key:{role}", role), Scheme.Name));
        }

        // A unit's staff key (staff key create 区城市管理委): staff of that unit. Only its hash is stored.
        if (values[0] is { Length: > 0 and <= 512 } presented
            && await unitKeys.UnitOfAsync(presented, SecretPurpose.Api, Context.RequestAborted) is { } unit)
        {
            var principal = AuthSchemes.Principal(Scheme.Name, $"unit-key:{unit}", Roles.Staff, new Claim(StaffDirectory.UnitClaim, unit));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }

        return AuthenticateResult.Fail("The API key is not valid.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{Header}\"";
        return Task.CompletedTask;
    }
}

/// <summary>The authentication schemes and the principal they build.</summary>
public static class AuthSchemes
{
    /// <summary>The default: picks one of the others by what the request carries.</summary>
    public const string Default = "Assistant";

    public const string ApiKey = "ApiKey";

    /// <summary>The operator page's session cookie, set by /operator/login.</summary>
    public const string Session = "OperatorSession";

    public const string Bearer = "Bearer";

    /// <summary>The claim holding the fingerprint of the key a session was opened with.</summary>
    public const string KeyClaim = "assistant:key";

    /// <summary>A principal with a name and one role claim; names and roles read the standard claim types.</summary>
    public static ClaimsPrincipal Principal(string scheme, string name, string role, params Claim[] extra) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. extra],
            scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The highest assistant role a principal holds; citizen when none (or unauthenticated).</summary>
    public static string RoleOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true
            ? Roles.Citizen
            : user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(Roles.All.Contains).Aggregate(Roles.Citizen, Roles.Higher);
}
