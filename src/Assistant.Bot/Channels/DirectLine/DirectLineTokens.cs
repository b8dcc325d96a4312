using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>What a token may be used for: the REST calls of one conversation, or opening that conversation's WebSocket.</summary>
internal enum TokenUse
{
    Conversation,
    Stream,
}

/// <summary>A verified token: bound to one conversation (and to a user, when the issuer named one).</summary>
internal sealed record DirectLineToken(string Value, string ConversationId, string? UserId, TokenUse Use, DateTimeOffset ExpiresAt, string? Id = null);

internal enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and verifies Direct Line tokens: compact JWTs signed with HMAC-SHA256 under the key in the data folder.
/// JWT because botframework-directlinejs decodes the token to read its <c>user</c> claim; nothing else reads them.
/// </summary>
internal sealed class DirectLineTokens(DirectLineKeys keys, IOptions<DirectLineOptions> options, TimeProvider clock)
{
    private const string Issuer = "xicheng-directline";

    // The header is fixed: a token whose header differs (alg "none", another algorithm) is rejected before anything else.
    private static readonly string Header = WebEncoders.Base64UrlEncode("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());

    public TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.TokenLifetimeSeconds);

    /// <summary>A new conversation id: 128 random bits, so ids cannot be guessed (the token is still what opens one).</summary>
    public static string NewConversationId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    public string Issue(string conversationId, string? userId, TokenUse use = TokenUse.Conversation)
    {
        var now = clock.GetUtcNow();
        var lifetime = use == TokenUse.Stream ? TimeSpan.FromSeconds(options.Value.StreamTokenLifetimeSeconds) : Lifetime;
        var claims = new TokenClaims(Issuer, conversationId, userId, use == TokenUse.Stream ? "stream" : "conversation",
            now.ToUnixTimeSeconds(), (now + lifetime).ToUnixTimeSeconds(), WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(9)));
        var payload = WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(claims, TokenJson.Default.TokenClaims));
        return $"{Header}.{payload}.{Sign($"{Header}.{payload}")}";
    }

    public TokenCheck Verify(string token, out DirectLineToken? verified)
    {
        verified = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || !string.Equals(parts[0], Header, StringComparison.Ordinal) || parts[2].Length > 100)
        {
            return TokenCheck.Invalid;
        }

        byte[] signature;
        TokenClaims? claims;
        try
        {
            signature = WebEncoders.Base64UrlDecode(parts[2]);
            var expected = HMACSHA256.HashData(keys.SigningKey, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
            if (!CryptographicOperations.FixedTimeEquals(signature, expected))
            {
                return TokenCheck.Invalid;
            }

            claims = JsonSerializer.Deserialize(WebEncoders.Base64UrlDecode(parts[1]), TokenJson.Default.TokenClaims);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return TokenCheck.Invalid;
        }

        if (claims is not { Iss: Issuer, Conv.Length: > 0 } || claims.Use is not ("conversation" or "stream"))
        {
            return TokenCheck.Invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(claims.Exp);
        if (clock.GetUtcNow() >= expiresAt)
        {
            return TokenCheck.Expired;
        }

        verified = new DirectLineToken(token, claims.Conv, claims.User, claims.Use == "stream" ? TokenUse.Stream : TokenUse.Conversation, expiresAt, claims.Jti);
        return TokenCheck.Valid;
    }

    /// <summary>Seconds until the token expires, as <c>expires_in</c> reports it.</summary>
    public int SecondsLeft(DirectLineToken token) => (int)Math.Max(0, (token.ExpiresAt - clock.GetUtcNow()).TotalSeconds);

    private string Sign(string signedPart) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(keys.SigningKey, Encoding.ASCII.GetBytes(signedPart)));
}

internal sealed record TokenClaims(
    [property: JsonPropertyName("iss")] string Iss,
    [property: JsonPropertyName("conv")] string Conv,
    [property: JsonPropertyName("user"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? User,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("iat")] long Iat,
    [property: JsonPropertyName("exp")] long Exp,
    // Unique per token, so a refresh within the same second is still a new token.
    [property: JsonPropertyName("jti")] string? Jti);

[JsonSerializable(typeof(TokenClaims))]
internal sealed partial class TokenJson : JsonSerializerContext;
