using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Indexing;

public sealed class FtsQueryTests
{
    [Fact]
    public void AnyOf_Alternatives_QuotesEachAndJoinsWithOr()
    {
        Assert.Equal("(\"deadline\" OR \"cutoff\" OR \"last day\")", FtsQuery.AnyOf(["deadline", "cutoff", "last day"]));
    }

    [Fact]
    public void AnyOf_PrefixLast_StarsOnlyTheLast()
    {
        Assert.Equal("(\"free\" OR \"upd\"*)", FtsQuery.AnyOf(["free", "upd"], prefixLast: true));
        Assert.Equal("(\"upd\"*)", FtsQuery.AnyOf(["upd"], prefixLast: true));
    }

    [Fact]
    public void AnyOf_DoubleQuotesInText_AreDoubled()
    {
        Assert.Equal("(\"say \"\"hi\"\"\" OR \"\"\"\")", FtsQuery.AnyOf(["say \"hi\"", "\""]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnyOf_NoAlternatives_IsEmptyParentheses(bool prefixLast)
    {
        Assert.Equal("()", FtsQuery.AnyOf([], prefixLast));
    }

    [Fact]
    public void AnyOf_RandomText_SameAsQuotingEachAndJoining()
    {
        var random = new Random(20241122);
        const string alphabet = "ab \"*():{}-'é\u2019OR";
        for (var i = 0; i < 2000; i++)
        {
            var alternatives = Enumerable.Range(0, random.Next(0, 6))
                .Select(_ => new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                .ToList();
            var prefixLast = random.Next(2) == 0;

            Assert.Equal(Reference(alternatives, prefixLast), FtsQuery.AnyOf(alternatives, prefixLast));
        }
    }

    /// <summary>The plain way to write it, as it was written before it was made cheaper.</summary>
    private static string Reference(List<string> alternatives, bool prefixLast)
    {
        var quoted = alternatives.Select(a => "\"" + a.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToList();
        if (prefixLast && quoted.Count > 0)
        {
            quoted[^1] += "*";
        }

        return "(" + string.Join(" OR ", quoted) + ")";
    }
}
