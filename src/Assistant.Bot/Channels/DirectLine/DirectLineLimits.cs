using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// Per-client token issuance and per-conversation message rates, so one anonymous client cannot flood the store or
/// keep the answer engine busy. Idle partitions are dropped by the limiter itself.
/// </summary>
internal sealed class DirectLineLimits(IOptions<DirectLineOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _tokens = PerMinute(options.Value.TokensPerMinute);
    private readonly PartitionedRateLimiter<string> _messages = PerMinute(options.Value.MessagesPerMinute);

    /// <summary>A widget token for this client address: null when allowed, else how long to wait.</summary>
    public TimeSpan? TakeToken(HttpContext context) =>
        Take(_tokens, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public TimeSpan? PostMessage(string conversationId) => Take(_messages, conversationId);

    public void Dispose()
    {
        _tokens.Dispose();
        _messages.Dispose();
    }

    private static TimeSpan? Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
