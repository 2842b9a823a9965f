using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class PhraseTokensTests
{
    private static readonly SearchDocument[] Documents =
    [
        new("closing", DocumentKinds.Faq, "Is Kaspersky shutting down in the US?", "Yes: it will shut down its US arm, and shut down the offices too.", ["Are they shutting down?"], ["shutdown"]),
        new("door", DocumentKinds.Faq, "Shut the door", "Shut the door and sit down.", ["Who shut the door?"], []),
        new("offer", DocumentKinds.Passage, "The free offer", "Six months free, then nothing.", [], []),
    ];

    [Fact]
    public void Find_PhraseInSomeColumns_ItsTokenIsInTheColumnsBesideThemAsOftenAsThePhrase()
    {
        using var index = SearchIndex.Build(Documents, new SearchIndexOptions(), ["shut down"]);
        var token = Token(index, "shut down");

        // The stemmer decides, as for the phrase: "shutting down" is an occurrence of "shut down".
        Assert.Equal([0], Rows(index, "{title_tokens} : " + token));
        Assert.Equal([0], Rows(index, "{questions_tokens} : " + token));
        Assert.Equal([0], Rows(index, "{text_tokens} : " + token));
        Assert.Empty(Rows(index, "{tags_tokens} : " + token));
        Assert.Equal(Rows(index, FtsQuery.AnyOf(["shut down"])), Rows(index, token));
        // Twice in the text, once in the title: the token is counted as the phrase is (bm25 with the same weights).
        Assert.Equal(
            index.Query(s => s.Rank("{title questions text tags} : " + FtsQuery.AnyOf(["shut down"]), 10)),
            index.Query(s => s.Rank(token, 10)));
    }

    [Fact]
    public void Find_WordsOfThePhraseApart_NoToken()
    {
        using var index = SearchIndex.Build(Documents, new SearchIndexOptions(), ["shut down"]);

        // "Shut the door and sit down" has both words, not the phrase.
        Assert.Equal([0, 1], Rows(index, FtsQuery.AnyOf(["shut"]) + " AND " + FtsQuery.AnyOf(["down"])));
        Assert.DoesNotContain(1, Rows(index, Token(index, "shut down")));
    }

    [Fact]
    public void Find_OneWordsAndPhrasesNoDocumentHas_GetNoToken()
    {
        using var index = SearchIndex.Build(Documents, new SearchIndexOptions(), ["shutdown", "free", "last day", "shut down", "shut down"]);

        Assert.Equal(1, index.PhraseTokenCount);
        Assert.True(index.PhraseTokenOf.Dictionary.ContainsKey("shut down"));
    }

    [Theory]
    [InlineData("year by year")]
    [InlineData("department of defense")]
    public void Find_PhraseThatCouldOverlapItself_GetsNoToken(string phrase)
    {
        // highlight() marks overlapping occurrences ("year by year by year") as one, where FTS5 counts two.
        SearchDocument[] documents = [new("years", DocumentKinds.Passage, "Years", $"It grew {phrase} by year; the department of defense.", [], [])];

        using var index = SearchIndex.Build(documents, new SearchIndexOptions(), [phrase]);

        Assert.Equal(0, index.PhraseTokenCount);
    }

    [Fact]
    public void Build_PhraseTokensOff_NoTokens()
    {
        using var with = SearchIndex.Build(Documents, new SearchIndexOptions(), ["shut down"]);
        using var without = SearchIndex.Build(Documents, new SearchIndexOptions { PhraseTokens = false }, ["shut down"]);

        Assert.Equal(1, with.PhraseTokenCount);
        Assert.Equal(0, without.PhraseTokenCount);
    }

    [Fact]
    public void Build_DocumentWithTheIndexsMarks_NoTokensAndThePhrasesRankAsTheyAre()
    {
        // Where a phrase occurs is read from highlight()'s marks, which such a text would confuse.
        SearchDocument[] documents = [.. Documents, new("marked", DocumentKinds.Passage, "Marked", $"It will shut down. {SearchIndex.MarkStart} {SearchIndex.MarkEnd}", [], [])];
        var query = FtsQuery.AnyOf(["shut down", "door"]);

        using var index = SearchIndex.Build(documents, new SearchIndexOptions(), ["shut down"]);

        Assert.Equal(0, index.PhraseTokenCount);
        Assert.Equal([0, 1, 3], index.Query(s => s.Rank(query, 10)).Select(h => h.Row).Order());
    }

    private static string Token(SearchIndex index, string phrase) => FtsQuery.AnyOf([index.PhraseTokenOf.Dictionary[phrase]]);

    private static List<int> Rows(SearchIndex index, string query)
    {
        var rows = index.Query(s => s.Match(query));
        return [.. Enumerable.Range(0, index.Documents.Count).Where(rows.Contains)];
    }
}
