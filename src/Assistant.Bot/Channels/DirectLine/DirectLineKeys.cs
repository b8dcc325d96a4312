using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// The channel secret (what a site's server presents to get tokens) and the key that signs tokens. Both live in the data
/// folder, so tokens and the generated secret outlive a restart; a configured secret takes precedence.
/// </summary>
internal sealed class DirectLineKeys
{
    private const string SecretFile = "directline-secret.txt";
    private const string SigningKeyFile = "directline-token.key";

    private readonly byte[] _secret;

    public DirectLineKeys(string dataDirectory, string? configuredSecret, ILogger logger)
    {
        var secretPath = Path.Combine(dataDirectory, SecretFile);
        var secret = string.IsNullOrWhiteSpace(configuredSecret)
            ? ReadOrCreate(secretPath, () => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)))
            : configuredSecret.Trim();
        if (string.IsNullOrWhiteSpace(configuredSecret))
        {
            // Where to find it, never the secret itself.
            logger.LogInformation("DirectLine:Secret is not set; the Direct Line secret is in {Path}", secretPath);
        }

        _secret = Encoding.UTF8.GetBytes(secret);
        Secret = secret;
        SigningKey = WebEncoders.Base64UrlDecode(
            ReadOrCreate(Path.Combine(dataDirectory, SigningKeyFile), () => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32))));
    }

    public string Secret { get; }

    public byte[] SigningKey { get; }

    /// <summary>Constant-time comparison, so response timing does not leak how much of a guess was right.</summary>
    public bool IsSecret(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _secret);

    private static string ReadOrCreate(string path, Func<string> create) => Hosting.SecretFiles.ReadOrCreate(path, create, out _);
}
