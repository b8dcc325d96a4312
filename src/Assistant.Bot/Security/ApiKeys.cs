using System.Security.Cryptography;
using System.Text;
using Assistant.Bot.Hosting;
using Assistant.Bot.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace Assistant.Bot.Security;

/// <summary>
/// The API keys the server accepts in X-Api-Key, each granting one role: Assistant:OperatorApiKey (generated into the
/// data folder when unset), Assistant:StaffApiKey and Assistant:AdminApiKey.
/// </summary>
public sealed class ApiKeys
{
    public const string OperatorKeyFile = "operator-key.txt";

    // Each configured key's hash, and the fingerprint sessions carry (computed once: every operator-page request checks it).
    private readonly (string Role, byte[] Hash, string Fingerprint)[] _keys;

    public ApiKeys(AssistantOptions options, ISecretStore secrets)
    {
        OperatorKeyPath = secrets.Describe(OperatorKeyFile);
        string operatorKey;
        if (string.IsNullOrWhiteSpace(options.OperatorApiKey))
        {
            operatorKey = secrets.GetOrCreate(OperatorKeyFile, NewKey, out var created);
            GeneratedOperatorKey = created ? operatorKey : null;
            OperatorKeyFromFile = true;
        }
        else
        {
            operatorKey = options.OperatorApiKey.Trim();
        }

        _keys = new (string Role, string? Key)[]
            {
                (Roles.Operator, operatorKey),
                (Roles.Staff, options.StaffApiKey),
                (Roles.Admin, options.AdminApiKey),
            }
            .Where(k => !string.IsNullOrWhiteSpace(k.Key))
            .Select(k => (k.Role, Hash: Hash(k.Key!.Trim())))
            .Select(k => (k.Role, k.Hash, Fingerprint(k.Hash)))
            .ToArray();
    }

    /// <summary>Where the generated operator key is kept: a file in the data folder, or the PostgreSQL table.</summary>
    public string OperatorKeyPath { get; }

    /// <summary>True when the operator key comes from the data folder, not from settings.</summary>
    public bool OperatorKeyFromFile { get; }

    /// <summary>The operator key generated on this start (null when it existed or is configured): to be shown once.</summary>
    public string? GeneratedOperatorKey { get; }

    /// <summary>
    /// The role a presented key grants, or null. Every configured key is compared, each in constant time over
    /// fixed-length hashes, so timing tells neither which key nor how much of one matched.
    /// </summary>
    public string? RoleOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return null;
        }

        var hash = Hash(presented.Trim());
        string? role = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                role = key.Role;
            }
        }

        return role;
    }

    /// <summary>A short, one-way fingerprint of the key a login used: the session ends when that key is changed.</summary>
    public string? FingerprintOf(string presented) =>
        RoleOf(presented) is null ? null : Fingerprint(Hash(presented.Trim()));

    /// <summary>True while a key with this fingerprint is still configured.</summary>
    public bool IsCurrent(string? fingerprint) =>
        fingerprint is not null && _keys.Any(k => string.Equals(k.Fingerprint, fingerprint, StringComparison.Ordinal));

    /// <summary>32 random bytes, URL-safe: 43 characters.</summary>
    private static string NewKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Fingerprint(byte[] hash) => WebEncoders.Base64UrlEncode(SHA256.HashData(hash).AsSpan(0, 12));
}
