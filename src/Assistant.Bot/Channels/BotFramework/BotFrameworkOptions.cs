using System.ComponentModel.DataAnnotations;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// The "BotFramework" configuration section: the bot's Entra app registration and every URL and issuer the
/// protocol uses (the SDK's ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer, … as settings),
/// so tests and sovereign clouds can point them elsewhere.
/// </summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    public const string Section = "BotFramework";

    /// <summary>False turns <c>POST /api/messages</c> off (for a deployment that serves only the web widget).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bot's Microsoft App ID; empty → unauthenticated local development, allowed only on loopback.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the outbound client-credentials token.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Single-tenant bots: their tenant id. Empty → multi-tenant (<c>botframework.com</c>).</summary>
    public string? TenantId { get; set; }

    /// <summary>OpenID metadata whose <c>jwks_uri</c> holds the keys (with endorsements) that sign channel tokens.</summary>
    [Required, Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The <c>iss</c> of tokens the Bot Connector sends.</summary>
    [Required]
    public string TokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Where the outbound token comes from; empty → <c>https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token</c>.</summary>
    [Url]
    public string? TokenEndpoint { get; set; }

    /// <summary>The scope of the outbound token.</summary>
    [Required]
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Teams tenants whose users may use the bot; empty → any tenant that can reach it.</summary>
    public string[] AllowedTenantIds { get; set; } = [];

    /// <summary>Activities waiting for the worker; when full the endpoint answers 503 rather than growing without bound.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// How long an instance's claim on an acknowledged, unanswered activity lasts without renewal (it renews a third of
    /// the way through). After an instance dies, its unanswered activities are answered by another instance once this
    /// has passed, or at once by the next start on SQLite.
    /// </summary>
    [Range(1, 3600)]
    public double InboxLeaseSeconds { get; set; } = 60;

    /// <summary>Largest activity body accepted, in bytes (Teams messages stay under ~100 KB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    public bool IsAuthenticated => !string.IsNullOrWhiteSpace(AppId);

    public string Tenant => string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId.Trim();

    public string ResolvedTokenEndpoint => string.IsNullOrWhiteSpace(TokenEndpoint)
        ? $"https://login.microsoftonline.com/{Uri.EscapeDataString(Tenant)}/oauth2/v2.0/token"
        : TokenEndpoint;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsAuthenticated && string.IsNullOrWhiteSpace(AppPassword))
        {
            yield return new ValidationResult(
                "BotFramework:AppPassword is required when BotFramework:AppId is set (replies need a client-credentials token).",
                [nameof(AppPassword)]);
        }
    }
}
