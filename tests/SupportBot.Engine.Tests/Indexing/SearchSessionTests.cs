using SupportBot.Engine.Indexing;
using SupportBot.Engine.Tests.Support;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class SearchSessionTests(RealKnowledge real) : IClassFixture<RealKnowledge>
{
    [Fact]
    public void Rank_Memoised_SameRowsAndScoresAsFts5Uncached()
    {
        var documents = DocumentBuilder.Build(real.Knowledge);
        using var memoised = SearchIndex.Build(documents, new SearchIndexOptions());
        using var uncached = SearchIndex.Build(documents, new SearchIndexOptions { RankCacheSize = 0 });

        foreach (var query in Queries())
        {
            var expected = uncached.Query(s => s.Rank(query, 40));
            var first = memoised.Query(s => s.Rank(query, 40));
            var again = memoised.Query(s => s.Rank(query, 40));

            // Record equality compares the bm25 doubles exactly: a memoised score is FTS5's, to the last bit.
            Assert.Equal(expected, first);
            Assert.Equal(expected, again);
        }

        Assert.Equal(0, uncached.RankCache.Count);
        Assert.Equal(Queries().Count, memoised.RankCache.Count);
    }

    [Fact]
    public void Rank_CallerChangesTheList_NextCallStillGetsEveryRow()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions());
        var query = Queries()[0];

        var first = index.Query(s => s.Rank(query, 40));
        var count = first.Count;
        first.Clear();
        var again = index.Query(s => s.Rank(query, 40));

        Assert.True(count > 1);
        Assert.Equal(count, again.Count);
        Assert.NotSame(first, again);
    }

    [Fact]
    public void Rank_DifferentLimits_AreRememberedApart()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions());
        var query = Queries()[0];

        var all = index.Query(s => s.Rank(query, 40));
        var three = index.Query(s => s.Rank(query, 3));

        Assert.True(all.Count > 3);
        Assert.Equal(3, three.Count);
        Assert.Equal(index.Query(s => s.Rank(query, 40)), all);
    }

    [Fact]
    public void Rank_ManyDifferentQueries_MemoStaysWithinItsSize()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions { RankCacheSize = 3 });

        foreach (var query in Queries())
        {
            index.Query(s => s.Rank(query, 40));
            Assert.InRange(index.RankCache.Count, 1, 3);
        }
    }

    /// <summary>Ranking queries as the engine writes them: synonym groups (the largest first), words, phrases, columns, a prefix.</summary>
    private List<string> Queries()
    {
        var leaving = real.Knowledge.Synonyms.Lookup("leaving") ?? ["leaving"];
        return
        [
            FtsQuery.AnyOf(leaving),
            FtsQuery.AnyOf(leaving) + " OR " + FtsQuery.AnyOf(["free", "offer"]),
            FtsQuery.AnyOf(["september", "29"]),
            FtsQuery.AnyOf(["kaspersky"]),
            FtsQuery.InColumns(FtsQuery.PhrasingColumns, FtsQuery.AnyOf(["ban", "banned"])),
            FtsQuery.AnyOf(["upd"], prefixLast: true),
            FtsQuery.AnyOf(["no such word at all"]),
        ];
    }
}
