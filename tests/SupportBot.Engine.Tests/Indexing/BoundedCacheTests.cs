using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class BoundedCacheTests
{
    [Fact]
    public void GetOrAdd_SameKeyTwice_CreatesOnce()
    {
        var cache = new BoundedCache<string, string>(4);
        var created = 0;

        var first = cache.GetOrAdd("a", k => { created++; return k + "!"; });
        var second = cache.GetOrAdd("a", k => { created++; return k + "?"; });

        Assert.Equal("a!", first);
        Assert.Same(first, second);
        Assert.Equal(1, created);
    }

    [Fact]
    public void TryGetValue_SpanOfARememberedKey_FindsItWithoutTheString()
    {
        var cache = new BoundedCache<string, int>(4);
        cache.GetOrAdd("leaving", _ => 7);
        const string query = "(\"leaving\" OR \"exit\")";

        Assert.True(cache.TryGetValue(query.AsSpan(2, 7), out var found));
        Assert.Equal(7, found);
        Assert.False(cache.TryGetValue(query.AsSpan(15, 4), out _));
    }

    [Fact]
    public void GetOrAdd_ManyMoreKeysThanCapacity_NeverHoldsMoreAndAlwaysAnswersRight()
    {
        var cache = new BoundedCache<int, int>(8);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(i * 2, cache.GetOrAdd(i, k => k * 2));
            Assert.Equal(i * 2, cache.GetOrAdd(i, _ => -1));
            Assert.InRange(cache.Count, 1, 8);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void GetOrAdd_CapacityZeroOrLess_RemembersNothing(int capacity)
    {
        var cache = new BoundedCache<string, int>(capacity);
        var created = 0;

        cache.GetOrAdd("a", _ => ++created);
        var again = cache.GetOrAdd("a", _ => ++created);

        Assert.Equal(2, again);
        Assert.Equal(0, cache.Count);
    }
}
