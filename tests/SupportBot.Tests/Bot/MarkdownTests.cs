using SupportBot.Bot;

namespace SupportBot.Tests.Bot;

public sealed class MarkdownTests
{
    [Theory]
    [InlineData("September 29, 2024.", "September 29, 2024.")]
    [InlineData("a *b* _c_ `d` [e](f) \\ <g>", "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\\\ &lt;g&gt;")]
    public void Escape_MarkdownCharacters_Escaped(string text, string expected) => Assert.Equal(expected, Markdown.Escape(text));

    [Theory]
    [InlineData("Title", "https://example.test/a b", "[Title](https://example.test/a%20b)")]
    [InlineData("T [1]", "https://example.test/x)", "[T \\[1\\]](https://example.test/x%29)")]
    [InlineData("Title", null, "Title")]
    [InlineData("Title", "javascript:alert(1)", "Title")]
    public void Link_OnlyHttpUrlsBecomeLinks(string text, string? url, string expected) => Assert.Equal(expected, Markdown.Link(text, url));

    [Fact]
    public void Shorten_LongText_CutAtAWordWithEllipsis()
    {
        Assert.Equal("one two…", Markdown.Shorten("one two three four", 10));
        Assert.Equal("short", Markdown.Shorten("short", 10));
    }
}
