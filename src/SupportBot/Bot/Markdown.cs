using System.Text;

namespace SupportBot.Bot;

/// <summary>Plain text made safe for the markdown of Bot Framework messages and Adaptive Card TextBlocks.</summary>
internal static class Markdown
{
    /// <summary>Escapes the characters that would start emphasis, code, links or HTML.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '*' or '_' or '`' or '[' or ']':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A link with escaped text; just the text when there is no http(s) URL.</summary>
    public static string Link(string text, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{Escape(text)}]({uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})"
            : Escape(text);

    /// <summary>Cuts <paramref name="text"/> at a word boundary to at most <paramref name="max"/> characters, with an ellipsis.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return string.Concat(text.AsSpan(0, cut > max / 2 ? cut : max - 1).TrimEnd(), "…");
    }
}
