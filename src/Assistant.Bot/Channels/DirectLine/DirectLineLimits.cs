using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// Per-client token issuance and per-conversation message rates, so one anonymous client cannot flood the store or
/// keep the answer engine busy.
/// </summary>
internal sealed class DirectLineLimits(IOptions<DirectLineOptions> options) : IDisposable
{
    private readonly PerMinuteLimiter _tokens = new(options.Value.TokensPerMinute);
    private readonly PerMinuteLimiter _messages = new(options.Value.MessagesPerMinute);

    /// <summary>A widget token for this client address: null when allowed, else how long to wait.</summary>
    public TimeSpan? TakeToken(HttpContext context) => _tokens.Take(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public TimeSpan? PostMessage(string conversationId) => _messages.Take(conversationId);

    public void Dispose()
    {
        _tokens.Dispose();
        _messages.Dispose();
    }
}
