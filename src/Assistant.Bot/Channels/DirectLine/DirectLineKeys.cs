using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// The channel secret (what a site's server presents to get tokens) and the key that signs tokens. Both are kept where the
/// data lives (files in the data folder, or PostgreSQL), so tokens and the generated secret outlive a restart and every
/// instance accepts the others' tokens; a configured secret takes precedence.
/// </summary>
internal sealed class DirectLineKeys
{
    private const string SecretName = "directline-secret.txt";
    private const string SigningKeyName = "directline-token.key";

    private readonly byte[] _secret;

    public DirectLineKeys(ISecretStore secrets, string? configuredSecret, ILogger logger)
    {
        var secret = string.IsNullOrWhiteSpace(configuredSecret)
            ? secrets.GetOrCreate(SecretName, NewKey, out _)
            : configuredSecret.Trim();
        if (string.IsNullOrWhiteSpace(configuredSecret))
        {
            // Where to find it, never the secret itself.
            logger.LogInformation("DirectLine:Secret is not set; the Direct Line secret is in {Where}", secrets.Describe(SecretName));
        }

        _secret = Encoding.UTF8.GetBytes(secret);
        Secret = secret;
        SigningKey = WebEncoders.Base64UrlDecode(secrets.GetOrCreate(SigningKeyName, NewKey, out _));
    }

    public string Secret { get; }

    public byte[] SigningKey { get; }

    /// <summary>Constant-time comparison, so response timing does not leak how much of a guess was right.</summary>
    public bool IsSecret(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _secret);

    private static string NewKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
