using Assistant.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace Assistant.Bot.Conversations;

/// <summary>Deletes contexts idle longer than the retention setting (every /api/ask question leaves one).</summary>
internal sealed class ConversationRetention(IConversationStore store, IOptions<ConversationOptions> options, TimeProvider clock,
    ILogger<ConversationRetention> logger) : RetentionSweep(clock, logger)
{
    protected override string What => "idle conversation contexts";

    protected override Task<int> DeleteAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.DeleteIdleAsync(now.AddDays(-options.Value.RetentionDays), cancellationToken);
}
