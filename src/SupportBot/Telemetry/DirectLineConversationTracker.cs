using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Telemetry;

/// <summary>
/// Which self-hosted Direct Line conversations were used within <see cref="DirectLineOptions.ConversationIdleTimeout"/>,
/// for the <see cref="SupportBotTelemetry.DirectLineActiveConversations"/> gauge. Works over any
/// <see cref="IDirectLineStore"/> (it only sees the calls), bounded like the in-memory store by
/// <see cref="DirectLineOptions.MaxConversations"/>, and pruned by the store's idle sweep.
/// </summary>
public sealed class DirectLineConversationTracker(IOptions<DirectLineOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _lastUsed = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleTimeout = options.Value.ConversationIdleTimeout;
    private readonly int _capacity = options.Value.MaxConversations;

    /// <summary>Conversations used within the idle timeout.</summary>
    public int ActiveCount
    {
        get
        {
            Prune();
            return Math.Min(_lastUsed.Count, _capacity);
        }
    }

    internal void Used(string conversationId)
    {
        _lastUsed[conversationId] = time.GetTimestamp();
        if (_lastUsed.Count > _capacity)
        {
            Trim();
        }
    }

    internal void Gone(string conversationId) => _lastUsed.TryRemove(conversationId, out _);

    internal void Prune()
    {
        var now = time.GetTimestamp();
        foreach (var (id, lastUsed) in _lastUsed)
        {
            if (time.GetElapsedTime(lastUsed, now) > _idleTimeout)
            {
                _lastUsed.TryRemove(new KeyValuePair<string, long>(id, lastUsed));
            }
        }
    }

    // Rare (only past the store's own capacity, where it evicts too): drop the least recently used tenth at once.
    private void Trim()
    {
        foreach (var (id, lastUsed) in _lastUsed.OrderBy(p => p.Value).Take(_lastUsed.Count - _capacity + (_capacity / 10)).ToList())
        {
            _lastUsed.TryRemove(new KeyValuePair<string, long>(id, lastUsed));
        }
    }

    /// <summary>The store, with each call telling the tracker which conversation was used or has gone.</summary>
    internal sealed class TrackingStore(IDirectLineStore inner, DirectLineConversationTracker tracker) : IDirectLineStore
    {
        public async Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken)
        {
            var created = await inner.CreateAsync(conversationId, cancellationToken).ConfigureAwait(false);
            tracker.Used(conversationId);
            return created;
        }

        public async Task<bool> TouchAsync(string conversationId, CancellationToken cancellationToken) =>
            Seen(conversationId, await inner.TouchAsync(conversationId, cancellationToken).ConfigureAwait(false));

        public async Task<StoredActivity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
        {
            var stored = await inner.AppendAsync(conversationId, activity, cancellationToken).ConfigureAwait(false);
            Seen(conversationId, stored is not null);
            return stored;
        }

        public async Task<TranscriptPage?> ReadAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken)
        {
            var page = await inner.ReadAsync(conversationId, afterWatermark, max, cancellationToken).ConfigureAwait(false);
            Seen(conversationId, page is not null);
            return page;
        }

        public Task<bool> WaitForActivityAsync(string conversationId, long afterWatermark, CancellationToken cancellationToken) =>
            inner.WaitForActivityAsync(conversationId, afterWatermark, cancellationToken);

        public async Task<bool> RemoveAsync(string conversationId, CancellationToken cancellationToken)
        {
            var removed = await inner.RemoveAsync(conversationId, cancellationToken).ConfigureAwait(false);
            tracker.Gone(conversationId);
            return removed;
        }

        public async Task<int> RemoveIdleAsync(CancellationToken cancellationToken)
        {
            var removed = await inner.RemoveIdleAsync(cancellationToken).ConfigureAwait(false);
            tracker.Prune();
            return removed;
        }

        private bool Seen(string conversationId, bool exists)
        {
            if (exists)
            {
                tracker.Used(conversationId);
            }
            else
            {
                tracker.Gone(conversationId);
            }

            return exists;
        }
    }
}
