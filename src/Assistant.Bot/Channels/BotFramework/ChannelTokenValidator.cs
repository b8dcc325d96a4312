using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// Checks that an inbound activity comes from the Bot Connector, as the SDK's JwtTokenValidation does: a bearer JWT
/// signed (RS256) by a key in the OpenID metadata's JWKS, with the configured issuer, audience = the bot's app id,
/// a valid lifetime (5 minutes' skew), a <c>serviceurl</c> claim equal to the activity's serviceUrl, and a signing
/// key whose <c>endorsements</c> contain the activity's channelId.
/// </summary>
internal sealed class ChannelTokenValidator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BotFrameworkOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger<ChannelTokenValidator> _logger;

    public ChannelTokenValidator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, ILogger<ChannelTokenValidator> logger)
    {
        _options = options.Value;
        _logger = logger;

        // The manager caches the metadata and keys (refreshing them every 12 h, and at most every 5 min on demand
        // when a token names a key it does not know). Plain http only for a loopback metadata server (tests).
        var metadataUrl = new Uri(_options.OpenIdMetadataUrl);
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(BotFrameworkServiceExtensions.MetadataClient))
        {
            RequireHttps = !metadataUrl.IsLoopback,
        };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            _options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    /// <summary>Null when the activity is authentic; otherwise why not (for the log, never for the caller).</summary>
    public async Task<string?> ValidateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return "no bearer token";
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return "activity without channelId or serviceUrl";
        }

        OpenIdConnectConfiguration metadata;
        try
        {
            metadata = await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // The metadata or keys could not be fetched: nothing can be verified, so nothing is accepted.
            _logger.LogError(ex, "Bot Framework OpenID metadata unavailable from {Url}", _options.OpenIdMetadataUrl);
            return "signing keys unavailable";
        }

        var result = await _handler.ValidateTokenAsync(header.Parameter, Parameters(metadata));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys roll over: fetch them again (the manager rate-limits this) and try once more.
            _metadata.RequestRefresh();
            metadata = await _metadata.GetConfigurationAsync(cancellationToken);
            result = await _handler.ValidateTokenAsync(header.Parameter, Parameters(metadata));
        }

        if (!result.IsValid)
        {
            return result.Exception?.GetType().Name ?? "invalid token";
        }

        var serviceUrl = result.Claims.TryGetValue("serviceurl", out var claim) ? claim as string : null;
        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.Ordinal))
        {
            return "serviceurl claim does not match the activity's serviceUrl";
        }

        var keyId = ((JsonWebToken)result.SecurityToken).SigningKey?.KeyId;
        if (!Endorsements(metadata, keyId).Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return $"signing key does not endorse channel '{activity.ChannelId}'";
        }

        return null;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration metadata) => new()
    {
        ValidIssuer = _options.TokenIssuer,
        ValidAudience = _options.AppId,
        IssuerSigningKeys = metadata.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        // Only the key the token names (kid) may verify it.
        TryAllIssuerSigningKeys = false,
    };

    /// <summary>
    /// The signing key's endorsements: the channels it may speak for. JsonWebKey keeps the non-standard
    /// <c>endorsements</c> member in AdditionalData as a JSON array.
    /// </summary>
    private static IEnumerable<string> Endorsements(OpenIdConnectConfiguration metadata, string? keyId)
    {
        var key = metadata.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value)
            || value is not JsonElement { ValueKind: JsonValueKind.Array } endorsements)
        {
            return [];
        }

        return endorsements.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String)
            .Select(e => e.GetString()!);
    }
}
