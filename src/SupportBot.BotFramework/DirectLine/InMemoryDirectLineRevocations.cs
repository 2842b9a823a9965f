using System.Collections.Concurrent;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// <see cref="IDirectLineRevocations"/> in this process: enough for one instance, whose tokens nobody else
/// checks. Entries are dropped once the tokens they refuse have expired.
/// </summary>
internal sealed class InMemoryDirectLineRevocations(TimeProvider time) : IDirectLineRevocations
{
    // Sweeping on every write would make each refresh O(n); every so many writes keeps memory bounded just as well.
    private const int SweepEvery = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _writes;

    /// <inheritdoc/>
    public Task RevokeTokenAsync(string tokenId, DateTimeOffset effectiveAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        Add(TokenKey(tokenId), new Entry(effectiveAt, expiresAt));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task RevokeConversationAsync(string conversationId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        Add(ConversationKey(conversationId), new Entry(time.GetUtcNow(), until));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> IsRevokedAsync(string? tokenId, string conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = (tokenId is not null && _entries.TryGetValue(TokenKey(tokenId), out var token) && token.Applies(now))
            || (_entries.TryGetValue(ConversationKey(conversationId), out var conversation) && conversation.Applies(now));
        return Task.FromResult(revoked);
    }

    private void Add(string key, Entry entry)
    {
        _entries[key] = entry;
        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            var now = time.GetUtcNow();
            foreach (var (oldKey, old) in _entries)
            {
                if (old.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(oldKey, old));
                }
            }
        }
    }

    private static string TokenKey(string tokenId) => "t:" + tokenId;

    private static string ConversationKey(string conversationId) => "c:" + conversationId;

    private sealed record Entry(DateTimeOffset EffectiveAt, DateTimeOffset ExpiresAt)
    {
        public bool Applies(DateTimeOffset now) => now >= EffectiveAt && now < ExpiresAt;
    }
}
