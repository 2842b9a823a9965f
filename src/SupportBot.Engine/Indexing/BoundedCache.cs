using System.Collections.Concurrent;

namespace SupportBot.Engine.Indexing;

/// <summary>
/// A thread-safe memo with a hard size bound: when full it starts again empty. Customers' questions reuse
/// a small vocabulary, so even this crude policy keeps the hit rate high, and memory can never grow
/// without limit whatever text arrives. A capacity of zero or less remembers nothing, so that a memo can be
/// switched off from configuration (to measure what it saves, or to save its memory).
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    /// <summary>How many entries are remembered now: at most the capacity (plus any being added concurrently).</summary>
    public int Count => _entries.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = create(key);
        if (capacity <= 0)
        {
            return value;
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries.TryAdd(key, value);
        return value;
    }
}
