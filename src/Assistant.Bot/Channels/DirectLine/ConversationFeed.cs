using System.Collections.Concurrent;

namespace Assistant.Bot.Channels.DirectLine;

/// <summary>
/// Wakes a conversation's open WebSocket when an activity is added. One socket per conversation, as on Direct Line:
/// a new one replaces the old (within this process). With PostgreSQL, <see cref="PostgresActivityRelay"/> publishes
/// here what other instances append.
/// </summary>
internal sealed class ConversationFeed
{
    private readonly ConcurrentDictionary<string, Listener> _listeners = new(StringComparer.Ordinal);

    /// <summary>Listens to a conversation. Listen before reading the store, so no activity falls between the two.</summary>
    public Listener Listen(string conversationId)
    {
        var listener = new Listener(this, conversationId);
        _listeners.AddOrUpdate(conversationId, listener, (_, previous) =>
        {
            previous.Replace();
            return listener;
        });
        return listener;
    }

    public void Publish(string conversationId)
    {
        if (_listeners.TryGetValue(conversationId, out var listener))
        {
            listener.Signal();
        }
    }

    /// <summary>Wakes every open socket, to read the store once more (after notifications may have been missed).</summary>
    public void PublishAll()
    {
        foreach (var listener in _listeners.Values)
        {
            listener.Signal();
        }
    }

    internal sealed class Listener(ConversationFeed feed, string conversationId) : IDisposable
    {
        // An auto-reset event: signals while the socket is busy sending collapse into one wake-up.
        private readonly SemaphoreSlim _signal = new(0, 1);
        private readonly CancellationTokenSource _replaced = new();

        /// <summary>Cancelled when another socket opens the same conversation.</summary>
        public CancellationToken Replaced => _replaced.Token;

        /// <summary>True when woken by a new activity, false when <paramref name="timeout"/> passed first.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            _signal.WaitAsync(timeout, cancellationToken);

        internal void Signal()
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
            catch (ObjectDisposedException)
            {
                // The socket closed meanwhile.
            }
        }

        internal void Replace()
        {
            try
            {
                _replaced.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The socket closed meanwhile.
            }
        }

        public void Dispose()
        {
            feed._listeners.TryRemove(KeyValuePair.Create(conversationId, this));
            _replaced.Dispose();
            _signal.Dispose();
        }
    }
}
