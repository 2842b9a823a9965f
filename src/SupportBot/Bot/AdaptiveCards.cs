using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;
using SupportBot.Engine.Answering;

namespace SupportBot.Bot;

/// <summary>
/// Adaptive Card 1.5 pieces: the newest version both Teams (bot messages and messaging extension results)
/// and Web Chat render. Only elements and actions every 1.5 host supports: TextBlock, Container,
/// ActionSet, Action.Submit.
/// </summary>
internal static class AdaptiveCards
{
    public const string Version = "1.5";
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    public static JsonObject Card(IEnumerable<JsonNode> body, IEnumerable<JsonNode>? actions = null)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["$schema"] = Schema,
            ["body"] = new JsonArray(body.ToArray()),
        };
        if (actions?.ToArray() is { Length: > 0 } list)
        {
            card["actions"] = new JsonArray(list);
        }

        return card;
    }

    public static JsonObject Text(string markdown, bool bold = false, bool subtle = false, bool small = false, bool separator = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (small)
        {
            block["size"] = "Small";
        }

        if (separator)
        {
            block["separator"] = true;
        }

        return block;
    }

    /// <summary>"Sources", then each article title (a link when it has a URL) and the quote the answer rests on.</summary>
    public static IEnumerable<JsonNode> Sources(IReadOnlyList<AnswerSource> sources, int maxQuote)
    {
        if (sources.Count == 0)
        {
            yield break;
        }

        yield return Text(sources.Count == 1 ? "Source" : "Sources", bold: true, small: true);
        foreach (var source in sources)
        {
            var items = new JsonArray(Text(Markdown.Link(source.Title, source.Url)));
            if (!string.IsNullOrWhiteSpace(source.Quote))
            {
                items.Add(Text($"“{Markdown.Escape(Markdown.Shorten(source.Quote, maxQuote))}”", subtle: true, small: true));
            }

            yield return new JsonObject { ["type"] = "Container", ["spacing"] = "Small", ["items"] = items };
        }
    }

    /// <summary>A button whose <paramref name="data"/> comes back as the message's <c>value</c>.</summary>
    public static JsonObject Submit(string title, JsonObject data) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = data };

    /// <summary>
    /// A button that sends <paramref name="text"/> as if typed: Teams posts it as a visible message (its
    /// <c>msteams.imBack</c>); other hosts post <paramref name="data"/> as the value, which the bot reads too.
    /// </summary>
    public static JsonObject SubmitAsMessage(string title, string text, JsonObject data)
    {
        data["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = text };
        return Submit(title, data);
    }

    public static JsonObject ActionSet(params JsonNode[] actions) =>
        new() { ["type"] = "ActionSet", ["actions"] = new JsonArray(actions) };

    public static Attachment ToAttachment(JsonObject card) => new()
    {
        ContentType = AttachmentContentTypes.AdaptiveCard,
        Content = JsonSerializer.SerializeToElement(card, BotJson.Options),
    };
}
