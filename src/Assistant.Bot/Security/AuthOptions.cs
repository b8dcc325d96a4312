using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Security;

/// <summary>
/// The "Assistant:Auth" section: bearer tokens from an OpenID Connect provider (Entra ID or any other), and who holds
/// which role. The role lists name principals: Entra object ids of users or groups, app role names from the token's
/// <c>roles</c> claim, or group ids from its <c>groups</c> claim. The same lists map Teams users.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Assistant:Auth";

    /// <summary>The OIDC issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; empty → no bearer tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (the API's app id URI or client id).</summary>
    public string? Audience { get; set; }

    /// <summary>Token claims whose values are matched against the role lists (and may name a role outright: "operator").</summary>
    public string[] RoleClaims { get; set; } = ["roles", "groups"];

    public string[] Admins { get; set; } = [];

    public string[] Operators { get; set; } = [];

    public string[] Staff { get; set; } = [];

    /// <summary>
    /// Entra tenants whose users may hold a role: a Teams user from another tenant is a citizen, and so is a bearer
    /// token whose <c>tid</c> is another tenant's. Empty → bearer tokens are not checked by tenant, and no Teams user holds a role.
    /// </summary>
    public string[] TenantIds { get; set; } = [];

    /// <summary>Microsoft Graph, asked (with the bot's app credentials) which listed groups a Teams user belongs to.</summary>
    [Required, Url]
    public string GraphUrl { get; set; } = "https://graph.microsoft.com";

    /// <summary>How long a Teams user's group membership is remembered, in minutes.</summary>
    [Range(0, 1440)]
    public int GroupCacheMinutes { get; set; } = 10;

    /// <summary>How long an operator page login lasts without use, in hours.</summary>
    [Range(1, 720)]
    public int SessionHours { get; set; } = 8;

    /// <summary>How long an operator page login lasts at most, however often it is used (the cookie renews itself while in use).</summary>
    [Range(1, 720)]
    public int SessionAbsoluteHours { get; set; } = 12;

    public bool UsesBearerTokens => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesBearerTokens && string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult("Assistant:Auth:Audience is required when Assistant:Auth:Authority is set.", [nameof(Audience)]);
        }

        if (UsesBearerTokens && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Assistant:Auth:Authority must be an absolute URL.", [nameof(Authority)]);
        }
    }
}
