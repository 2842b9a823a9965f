using System.Text.Json.Nodes;

namespace SupportBot.Tests.Support;

/// <summary>Field-by-field checks of what the bot posted to the channel.</summary>
internal static class ReplyAssert
{
    /// <summary>
    /// The request is a reply to <paramref name="inbound"/> per the protocol: POSTed to
    /// <c>/v3/conversations/{encoded id}/activities/{encoded replyToId}</c> (or <c>…/activities</c> when no
    /// replyToId is expected), from/recipient swapped, same conversation and channel, replyToId, and none of
    /// the channel-owned fields.
    /// </summary>
    public static JsonNode Addressed(ChannelRequest request, JsonNode inbound, bool expectReplyToId = true)
    {
        var conversationId = inbound["conversation"]!["id"]!.GetValue<string>();
        var inboundId = inbound["id"]!.GetValue<string>();
        Assert.Equal("POST", request.Method);
        Assert.Equal(
            expectReplyToId
                ? $"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(inboundId)}"
                : $"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities",
            request.RawTarget);

        var reply = request.Json!;
        Assert.Equal(inbound["recipient"]!["id"]!.GetValue<string>(), reply["from"]!["id"]!.GetValue<string>());
        Assert.Equal(inbound["recipient"]!["name"]?.GetValue<string>(), reply["from"]!["name"]?.GetValue<string>());
        Assert.Equal(inbound["from"]!["id"]!.GetValue<string>(), reply["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal(conversationId, reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(inbound["channelId"]!.GetValue<string>(), reply["channelId"]!.GetValue<string>());
        if (expectReplyToId)
        {
            Assert.Equal(inboundId, reply["replyToId"]!.GetValue<string>());
        }
        else
        {
            Assert.Null(reply["replyToId"]);
        }

        Assert.Null(reply["id"]);
        Assert.Null(reply["timestamp"]);
        Assert.Null(reply["callerId"]);
        return reply;
    }

    /// <summary>The titles of the suggested actions, each checked to be an imBack whose value is its title.</summary>
    public static List<string> SuggestedImBacks(JsonNode reply)
    {
        var actions = reply["suggestedActions"]?["actions"]?.AsArray() ?? [];
        foreach (var action in actions)
        {
            Assert.Equal("imBack", action!["type"]!.GetValue<string>());
            Assert.Equal(action["title"]!.GetValue<string>(), action["value"]!.GetValue<string>());
        }

        return actions.Select(a => a!["title"]!.GetValue<string>()).ToList();
    }

    /// <summary>The reply's single Adaptive Card, checked to be version 1.5.</summary>
    public static JsonNode Card(JsonNode reply)
    {
        var attachment = Assert.Single(reply["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        return card;
    }

    /// <summary>Every element of a card (depth first), to find text blocks and actions wherever they sit.</summary>
    public static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    public static List<JsonObject> Actions(JsonNode card, string type) =>
        Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == type).ToList();

    public static List<string> Texts(JsonNode card) =>
        Descendants(card).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "TextBlock").Select(o => o["text"]!.GetValue<string>()).ToList();
}
