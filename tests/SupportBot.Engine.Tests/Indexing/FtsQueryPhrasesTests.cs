using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class FtsQueryPhrasesTests
{
    [Fact]
    public void Of_RankingQuery_GivesEveryPhraseInOrderWithRepeats()
    {
        var query = FtsQuery.AnyOf(["leave", "pull out"]) + " OR " + FtsQuery.AnyOf(["when"]) + " OR " + FtsQuery.AnyOf(["leave"]);

        Assert.Equal(["leave", "pull out", "when", "leave"], FtsQueryPhrases.Of(query));
    }

    [Fact]
    public void Of_DoubledQuotes_AreReadBackSingle()
    {
        Assert.Equal(["say \"hi\"", "\""], FtsQueryPhrases.Of(FtsQuery.AnyOf(["say \"hi\"", "\""])));
    }

    [Theory]
    [InlineData("(\"upd\"*)")]
    [InlineData("{title questions tags} : (\"ban\")")]
    [InlineData("(\"a\") (\"b\")")]
    [InlineData("\"a\" \"b\"")]
    [InlineData("(\"a\" OR )")]
    [InlineData("(\"a\"")]
    [InlineData("(\"a)")]
    [InlineData("()")]
    [InlineData("\"a\" AND \"b\"")]
    [InlineData("\"a\" OR")]
    [InlineData("")]
    public void Of_AnythingButPhrasesJoinedByOr_IsNull(string query)
    {
        Assert.Null(FtsQueryPhrases.Of(query));
    }

    [Fact]
    public void Of_RandomAlternatives_ReadsBackWhatAnyOfWrote()
    {
        var random = new Random(20241123);
        const string alphabet = "ab \"*():{}-'é\u2019OR";
        for (var i = 0; i < 2000; i++)
        {
            var groups = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => Enumerable.Range(0, random.Next(1, 5))
                    .Select(_ => new string(Enumerable.Range(0, random.Next(0, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                    .ToList())
                .ToList();

            var query = string.Join(" OR ", groups.Select(g => FtsQuery.AnyOf(g)));

            Assert.Equal(groups.SelectMany(g => g), FtsQueryPhrases.Of(query));
        }
    }
}
