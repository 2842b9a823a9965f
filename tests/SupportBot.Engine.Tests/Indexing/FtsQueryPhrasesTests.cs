using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class FtsQueryPhrasesTests
{
    [Fact]
    public void Of_RankingQuery_GivesEveryPhraseInOrderWithRepeats()
    {
        var query = FtsQuery.AnyOf(["leave", "pull out"]) + " OR " + FtsQuery.AnyOf(["when"]) + " OR " + FtsQuery.AnyOf(["leave"]);

        Assert.Equal(["leave", "pull out", "when", "leave"], Phrases(query));
    }

    [Fact]
    public void Of_DoubledQuotes_AreReadBackSingle()
    {
        var query = FtsQuery.AnyOf(["say \"hi\"", "\"", ""]);
        var phrases = FtsQueryPhrases.Of(query)!;

        Assert.Equal(["say \"hi\"", "\"", ""], Phrases(query));
        Assert.Equal([false, false, true], phrases.Select(p => FtsQueryPhrases.IsPlain(query, p)));
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
    public void AnyOf_SomePhrases_WrittenAsFtsQueryWritesThem()
    {
        var query = FtsQuery.AnyOf(["leave", "say \"hi\""]) + " OR " + FtsQuery.AnyOf(["when", "pull out"]);
        var phrases = FtsQueryPhrases.Of(query)!;

        Assert.Equal(FtsQuery.AnyOf(["say \"hi\"", "pull out"]), FtsQueryPhrases.AnyOf(query, [phrases[1], phrases[3]]));
        Assert.Equal(FtsQuery.AnyOf(["leave", "say \"hi\"", "when", "pull out"]), FtsQueryPhrases.AnyOf(query, phrases));
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
            var phrases = FtsQueryPhrases.Of(query)!;
            var some = phrases.Where((_, j) => j % 2 == 0).ToList();

            Assert.Equal(groups.SelectMany(g => g), Phrases(query));
            Assert.Equal(FtsQuery.AnyOf(some.Select(p => FtsQueryPhrases.Text(query, p))), FtsQueryPhrases.AnyOf(query, some));
        }
    }

    private static List<string>? Phrases(string query) =>
        FtsQueryPhrases.Of(query)?.Select(phrase => FtsQueryPhrases.Text(query, phrase)).ToList();
}
