using System.Text.RegularExpressions;
using SupportBot.Engine.Indexing;

namespace SupportBot.Engine.Tests.Support;

internal static partial class TextChecks
{
    /// <summary>Compares quotes with the text they come from, ignoring curly/straight quote marks and runs of white space.</summary>
    public static string Loose(string text) =>
        Whitespace().Replace(
            text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201c', '"').Replace('\u201d', '"'), " ").Trim();

    public static bool ContainsLoosely(string text, string quote) =>
        Loose(text).Contains(Loose(quote), StringComparison.OrdinalIgnoreCase);

    /// <summary>The text with the index's match marks removed, as a reader would see the words.</summary>
    public static string Unmarked(string text) =>
        text.Replace(SearchIndex.MarkStart.ToString(), "", StringComparison.Ordinal)
            .Replace(SearchIndex.MarkEnd.ToString(), "", StringComparison.Ordinal);

    /// <summary>The fragments between match marks.</summary>
    public static List<string> MarkedFragments(string text) =>
        Marked().Matches(text).Select(m => m.Groups[1].Value).ToList();

    /// <summary>HTML tags, Markdown emphasis, links, headings or code: anything that is not plain text.</summary>
    public static bool HasMarkup(string text) => Markup().IsMatch(text);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("\uE000([^\uE001]*)\uE001")]
    private static partial Regex Marked();

    [GeneratedRegex(@"(<[a-zA-Z/!][^>]*>|\*\*|__|\[[^\]]+\]\([^)]+\)|^#+\s|`)", RegexOptions.Multiline)]
    private static partial Regex Markup();
}
