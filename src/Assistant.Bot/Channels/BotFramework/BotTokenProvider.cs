using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.BotFramework;

/// <summary>
/// The bot's outbound tokens: client credentials against the configured tenant (<c>botframework.com</c> for
/// multi-tenant bots), one per scope (the Bot Connector's, Microsoft Graph's), each cached until shortly before it
/// expires. Null when no app id is set (local development).
/// </summary>
internal sealed class BotTokenProvider(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider clock)
{
    /// <summary>A token is renewed this long before it expires, so none expires in flight.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedToken> _cached = new(StringComparer.Ordinal);

    /// <summary>A token for the Bot Connector (BotFramework:OAuthScope).</summary>
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => GetTokenAsync(options.Value.OAuthScope, cancellationToken);

    public async Task<string?> GetTokenAsync(string scope, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsAuthenticated)
        {
            return null;
        }

        if (_cached.TryGetValue(scope, out var cached) && clock.GetUtcNow() < cached.RenewAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached.TryGetValue(scope, out var fresh) && clock.GetUtcNow() < fresh.RenewAt)
            {
                return fresh.Token;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword ?? "",
                ["scope"] = scope,
            });
            using var response = await httpClients.CreateClient(BotFrameworkServiceExtensions.TokenClient)
                .PostAsync(settings.ResolvedTokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // The body may echo request details; the status is enough to act on.
                throw new HttpRequestException($"The token endpoint answered {(int)response.StatusCode}.", null, response.StatusCode);
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (string.IsNullOrEmpty(token?.AccessToken) || token.ExpiresIn <= 0)
            {
                throw new HttpRequestException("The token endpoint answered without an access token.");
            }

            var lifetime = TimeSpan.FromSeconds(token.ExpiresIn);
            _cached[scope] = new CachedToken(token.AccessToken, clock.GetUtcNow() + (lifetime > 2 * RenewBefore ? lifetime - RenewBefore : lifetime / 2));
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the cached Bot Connector token (the connector refused it).</summary>
    public void Invalidate() => _cached.TryRemove(options.Value.OAuthScope, out _);

    private sealed record CachedToken(string Token, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
