using SupportBot.Engine.Analysis;
using SupportBot.Engine.Evaluation;
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
    public void Rank_PhrasesNoDocumentHas_SameRowsAndScoresAsFts5WithThem()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions { RankCacheSize = 0 });
        var leaving = real.Knowledge.Synonyms.Lookup("leaving") ?? ["leaving"];
        string[] queries =
        [
            FtsQuery.AnyOf(["no such word", .. leaving, "zzyzx"]),
            FtsQuery.AnyOf(["zzyzx"]) + " OR " + FtsQuery.AnyOf(["free", "qwxz", "offer"]) + " OR " + FtsQuery.AnyOf(["september"]),
            FtsQuery.AnyOf(["halt", "stop", "halted"]),
        ];

        foreach (var query in queries)
        {
            // A filter naming every column is the same query to FTS5, and one the ranking leaves as it is.
            var fts5 = index.Query(s => s.Rank(FtsQuery.InColumns("title questions text tags", query), 40));

            Assert.NotEmpty(fts5);
            Assert.Equal(fts5, index.Query(s => s.Rank(query, 40)));
        }
    }

    [Fact]
    public void Rank_EverySynonymGroupWithPhraseTokens_SameRowsAndScoresAsFts5WithThePhrases()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions { RankCacheSize = 0 }, real.Knowledge.Synonyms.Groups.SelectMany(g => g));
        var groups = real.Knowledge.Synonyms.Groups;

        foreach (var group in groups)
        {
            var query = FtsQuery.AnyOf(group);

            // A filter naming the document's own columns is the same query to FTS5, and one the ranking leaves as it is.
            Assert.Equal(index.Query(s => s.Rank(FtsQuery.InColumns(SearchIndex.ColumnList, query), 40)), index.Query(s => s.Rank(query, 40)));
        }

        Assert.InRange(groups.Count(g => g.Any(index.PhraseTokenOf.Dictionary.ContainsKey)), 30, groups.Count);
    }

    [Fact]
    public void Rank_DevQuestionsWithPhraseTokens_SameRowsAndScoresAsFts5WithThePhrases()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions { RankCacheSize = 0 }, real.Knowledge.Synonyms.Groups.SelectMany(g => g));
        var analyzer = new QueryAnalyzer(real.Knowledge.Synonyms, new SpellingCorrector(real.VocabularyWords(), new SpellingOptions()));
        var withTokens = 0;

        foreach (var question in EvalQuestion.ReadFile(RepoPaths.DevQuestions).Select(q => q.Question))
        {
            // Every term of the question, as the ranking query has them: each its synonyms' phrases joined by OR.
            var terms = analyzer.Analyze(question, _ => true).Terms;
            if (terms.Count == 0)
            {
                continue;
            }

            var query = FtsQuery.AnyTerm(terms);
            withTokens += terms.Any(t => t.Alternatives.Any(index.PhraseTokenOf.Dictionary.ContainsKey)) ? 1 : 0;

            Assert.Equal(index.Query(s => s.Rank(FtsQuery.InColumns(SearchIndex.ColumnList, query), 40)), index.Query(s => s.Rank(query, 40)));
        }

        Assert.True(withTokens >= 20, $"only {withTokens} dev questions have a phrase with a token");
    }

    [Fact]
    public void Rank_OnlyPhrasesNoDocumentHas_NoRows()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions());

        Assert.Empty(index.Query(s => s.Rank(FtsQuery.AnyOf(["zzyzx", "qwxz"]), 40)));
        Assert.Empty(index.Query(s => s.Rank(FtsQuery.AnyOf(["zzyzx"]) + " OR " + FtsQuery.AnyOf(["no such words"]), 40)));
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

    [Fact]
    public void Marks_Memoised_SameSnippetAndHighlightAsFts5Uncached()
    {
        var documents = DocumentBuilder.Build(real.Knowledge);
        using var memoised = SearchIndex.Build(documents, new SearchIndexOptions());
        using var uncached = SearchIndex.Build(documents, new SearchIndexOptions { MarksCacheSize = 0 });
        var marked = 0;

        foreach (var query in Queries())
        {
            // The rows the query ranks first, and one it does not match at all (its text comes back unmarked).
            var rows = uncached.Query(s => s.Rank(query, 3)).Select(h => h.Row).Concat(UnmatchedRow(uncached, query));
            foreach (var row in rows)
            {
                var expected = uncached.Query(s => s.Marks(query, row));
                marked += expected.HighlightedText.Contains(SearchIndex.MarkStart, StringComparison.Ordinal) ? 1 : 0;

                Assert.Equal(expected, memoised.Query(s => s.Marks(query, row)));
                Assert.Equal(expected, memoised.Query(s => s.Marks(query, row)));
            }
        }

        Assert.True(marked > 0);
        Assert.Equal(0, uncached.MarksCache.Count);
    }

    [Fact]
    public void Marks_ManyDifferentRows_MemoStaysWithinItsSize()
    {
        using var index = SearchIndex.Build(DocumentBuilder.Build(real.Knowledge), new SearchIndexOptions { MarksCacheSize = 3 });
        var query = Queries()[0];

        for (var row = 0; row < index.Documents.Count; row++)
        {
            Assert.Equal(index.Documents[row].Text, TextChecks.Unmarked(index.Query(s => s.Marks(query, row)).HighlightedText));
            Assert.InRange(index.MarksCache.Count, 1, 3);
        }
    }

    [Fact]
    public void Highlight_EveryQueryAndRow_SameAsMarksHighlight()
    {
        var documents = DocumentBuilder.Build(real.Knowledge);
        using var index = SearchIndex.Build(documents, new SearchIndexOptions { MarksCacheSize = 0 });
        var marked = 0;

        foreach (var query in Queries())
        {
            for (var row = 0; row < index.Documents.Count; row++)
            {
                var expected = index.Query(s => s.Marks(query, row)).HighlightedText;
                marked += expected.Contains(SearchIndex.MarkStart, StringComparison.Ordinal) ? 1 : 0;

                Assert.Equal(expected, index.Query(s => s.Highlight(query, row)));
            }
        }

        Assert.True(marked > 10);
        Assert.Equal(0, index.HighlightCache.Count);
    }

    [Fact]
    public void Highlight_Memoised_SameAsUncached()
    {
        var documents = DocumentBuilder.Build(real.Knowledge);
        using var memoised = SearchIndex.Build(documents, new SearchIndexOptions());
        using var uncached = SearchIndex.Build(documents, new SearchIndexOptions { MarksCacheSize = 0 });

        foreach (var query in Queries())
        {
            foreach (var row in uncached.Query(s => s.Rank(query, 3)).Select(h => h.Row).Concat(UnmatchedRow(uncached, query)))
            {
                var expected = uncached.Query(s => s.Highlight(query, row));

                Assert.Equal(expected, memoised.Query(s => s.Highlight(query, row)));
                Assert.Equal(expected, memoised.Query(s => s.Highlight(query, row)));
            }
        }

        Assert.True(memoised.HighlightCache.Count > 0);
    }

    /// <summary>A row the query does not match, if there is one.</summary>
    private static IEnumerable<int> UnmatchedRow(SearchIndex index, string query)
    {
        var matched = index.Query(s => s.Match(query));
        return Enumerable.Range(0, index.Documents.Count).Where(row => !matched.Contains(row)).Take(1);
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
            FtsQuery.AnyOf(["when"]) + " OR " + FtsQuery.AnyOf(real.Knowledge.Synonyms.Lookup("stop") ?? ["stop"])
                + " OR " + FtsQuery.AnyOf(real.Knowledge.Synonyms.Lookup("updates") ?? ["updates"]) + " OR " + FtsQuery.AnyOf(["stop"]),
        ];
    }
}
