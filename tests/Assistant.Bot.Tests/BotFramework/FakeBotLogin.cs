using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Assistant.Bot.Tests.BotFramework;

/// <summary>
/// What login.botframework.com and login.microsoftonline.com do for a bot, on loopback: the OpenID metadata, a JWKS
/// whose keys carry <c>endorsements</c>, a signer for channel tokens, and the client-credentials token endpoint.
/// </summary>
public sealed class FakeBotLogin : LoopbackServer
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "test-app-id";
    public const string AppPassword = "test-app-secret";

    /// <summary>Endorses the channels the tests use.</summary>
    public const string ChannelKeyId = "channel-key";

    /// <summary>Published too, but endorses only "webchat": a token it signs for msteams lacks the endorsement.</summary>
    public const string WebChatKeyId = "webchat-key";

    private readonly RSA _channelKey = RSA.Create(2048);
    private readonly RSA _webChatKey = RSA.Create(2048);
    private readonly ConcurrentQueue<IFormCollection> _tokenRequests = new();

    public static async Task<FakeBotLogin> StartAsync()
    {
        var login = new FakeBotLogin();
        await login.ListenAsync();
        return login;
    }

    public string OpenIdMetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + "/botframework.com/oauth2/v2.0/token";

    /// <summary>The forms posted to the token endpoint.</summary>
    public IReadOnlyList<IFormCollection> TokenRequests => _tokenRequests.ToList();

    /// <summary>The settings that point the bot at this login service and the test app registration.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["BotFramework:AppId"] = AppId,
        ["BotFramework:AppPassword"] = AppPassword,
        ["BotFramework:OpenIdMetadataUrl"] = OpenIdMetadataUrl,
        ["BotFramework:TokenIssuer"] = Issuer,
        ["BotFramework:TokenEndpoint"] = TokenEndpoint,
    };

    /// <summary>A channel token as the Bot Connector sends it; each argument can be made wrong by a test.</summary>
    public string ChannelToken(
        string serviceUrl,
        string issuer = Issuer,
        string audience = AppId,
        TimeSpan? expiresIn = null,
        string keyId = ChannelKeyId,
        RSA? signWith = null,
        bool unsigned = false)
    {
        var expires = DateTime.UtcNow + (expiresIn ?? TimeSpan.FromMinutes(60));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddMinutes(-70),
            NotBefore = expires.AddMinutes(-70),
            Expires = expires,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = unsigned
                ? null
                : new SigningCredentials(
                    new RsaSecurityKey(signWith ?? (keyId == WebChatKeyId ? _webChatKey : _channelKey)) { KeyId = keyId },
                    SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = BaseUrl + "/v1/auth",
            ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        routes.MapGet("/v1/.well-known/keys", () => Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(
                Jwk(_channelKey, ChannelKeyId, "msteams", "emulator", "directline"),
                Jwk(_webChatKey, WebChatKeyId, "webchat")),
        }));
        routes.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            _tokenRequests.Enqueue(form);
            if (form["client_id"] != AppId || form["client_secret"] != AppPassword)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            return Results.Json(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = $"outbound-token-{_tokenRequests.Count}",
            });
        });
    }

    private static JsonObject Jwk(RSA key, string keyId, params string[] endorsements)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = keyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray()),
        };
    }
}
