using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

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

    /// <summary>
    /// Looks a key up by another form of it (a span of a string key) without making the key; false when it is not
    /// remembered, or when the keys cannot be compared with that form.
    /// </summary>
    public bool TryGetValue<TAlternate>(TAlternate key, [MaybeNullWhen(false)] out TValue value)
        where TAlternate : notnull, allows ref struct
    {
        if (_entries.TryGetAlternateLookup<TAlternate>(out var lookup))
        {
            return lookup.TryGetValue(key, out value);
        }

        value = default;
        return false;
    }

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
