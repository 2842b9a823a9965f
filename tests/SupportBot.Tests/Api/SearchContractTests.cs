using SupportBot.Api;

namespace SupportBot.Tests.Api;

public sealed class SearchContractTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("the \uE000free\uE001 \uE000offer\uE001.", "the <mark>free</mark> <mark>offer</mark>.")]
    [InlineData("a <b> & \"c\" \uE000<i>\uE001", "a &lt;b&gt; &amp; &quot;c&quot; <mark>&lt;i&gt;</mark>")]
    [InlineData("\uE000unclosed", "<mark>unclosed</mark>")]
    [InlineData("stray\uE001 end", "stray end")]
    [InlineData("\uE000\uE000double\uE001\uE001", "<mark>double</mark>")]
    [InlineData("", "")]
    public void HtmlSnippet_MarkedText_EscapedWithMarks(string marked, string html)
    {
        Assert.Equal(html, SearchResponse.HtmlSnippet(marked));
    }

    [Fact]
    public void HtmlSnippet_RandomInput_NeverThrowsAndLeavesNoRawMarkup()
    {
        var random = new Random(20241001);
        char[] alphabet = ['a', ' ', '<', '>', '&', '"', '\'', '\uE000', '\uE001', 'é', '\uD83D'];
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

            var html = SearchResponse.HtmlSnippet(text);

            var withoutMarks = html.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
            Assert.DoesNotContain('<', withoutMarks);
            Assert.DoesNotContain('>', withoutMarks);
            Assert.DoesNotContain('\uE000', html);
            Assert.Equal(CountOf(html, "<mark>"), CountOf(html, "</mark>"));
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
