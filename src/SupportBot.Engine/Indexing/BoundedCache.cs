using System.Collections.Concurrent;

namespace SupportBot.Engine.Indexing;

/// <summary>
/// A thread-safe memo with a hard size bound: when full it starts again empty. Customers' questions reuse
/// a small vocabulary, so even this crude policy keeps the hit rate high, and memory can never grow
/// without limit whatever text arrives.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = create(key);
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries.TryAdd(key, value);
        return value;
    }
}
