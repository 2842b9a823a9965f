using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.Engine.Answering;
using SupportBot.Engine.Indexing;

namespace SupportBot.Api;

/// <summary>The body of <c>GET /api/search</c>.</summary>
public sealed record SearchResponse(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("hits")] IReadOnlyList<SearchHitContract> Hits)
{
    /// <summary>Compact, with HTML characters written as themselves: the body is JSON, never inlined into a page.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static SearchResponse From(string query, SearchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new SearchResponse(query, results.Hits.Select(h => new SearchHitContract(
            h.Id, h.Kind, h.Title, HtmlSnippet(h.Snippet), h.Score, new SearchSourceContract(h.Source.Title, string.IsNullOrEmpty(h.Source.Url) ? null : h.Source.Url), h.Confidence, h.Text)).ToList());
    }

    /// <summary>
    /// The engine marks matched words with U+E000/U+E001; the API sends HTML-escaped text with each match in
    /// <c>&lt;mark&gt;…&lt;/mark&gt;</c>, so a page can insert the snippet as HTML safely.
    /// </summary>
    public static string HtmlSnippet(string marked)
    {
        ArgumentNullException.ThrowIfNull(marked);
        var html = new StringBuilder(marked.Length + 16);
        var open = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            var c = i < marked.Length ? marked[i] : '\0';
            if (i < marked.Length && c != SearchIndex.MarkStart && c != SearchIndex.MarkEnd)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(marked[start..i]));
            start = i + 1;
            if (c == SearchIndex.MarkStart && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if ((c == SearchIndex.MarkEnd || i == marked.Length) && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }

        return html.ToString();
    }
}

/// <summary>One ranked FAQ entry or passage.</summary>
/// <param name="Id">FAQ id or passage id.</param>
/// <param name="Kind"><c>faq</c> or <c>passage</c>.</param>
/// <param name="Title">The FAQ question, or the article title and heading.</param>
/// <param name="Snippet">HTML-escaped text with the matched words in <c>&lt;mark&gt;</c>.</param>
/// <param name="Score">Re-ranking score; higher is better.</param>
/// <param name="Source">The article it rests on.</param>
/// <param name="Confidence">The confidence the bot would have answering with this hit, 0..1.</param>
/// <param name="Text">The full answer or passage as plain text, for an agent to copy.</param>
public sealed record SearchHitContract(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("snippet")] string Snippet,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("source")] SearchSourceContract Source,
    [property: JsonPropertyName("confidence")] double Confidence,
    [property: JsonPropertyName("text")] string Text);

/// <summary>The article a hit rests on; url is null when unknown.</summary>
public sealed record SearchSourceContract(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string? Url);
