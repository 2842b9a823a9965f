using System.Text.Json.Nodes;

namespace SupportBot.Tests.Support;

/// <summary>
/// Activities in the shapes channels send them, composed from the protocol reference's examples
/// (shared/docs/bot-framework-protocol.md §1.5, §5.3–5.5, §5.7), with unknown fields left in on purpose.
/// Each takes the fake channel's serviceUrl.
/// </summary>
internal static class Payloads
{
    public const string TeamsBotId = "28:00000000-0000-0000-0000-000000000001";
    public const string TeamsChannelConversation = "19:d4c0ffee@thread.tacv2;messageid=1727773201234";
    public const string WebChatConversation = "Gx1dd3ab";

    /// <summary>Web Chat through ABS Direct Line (§1.5).</summary>
    public static JsonObject WebChatMessage(string serviceUrl, string text, string id = "Gx1dd3ab|0000002") => Parse($$"""
        { "type": "message", "id": "{{id}}", "channelId": "directline",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:00:01.5Z",
          "localTimestamp": "2024-10-01T10:00:01.5+01:00", "localTimezone": "Europe/London",
          "from": { "id": "dl_6f1c2a", "name": "Customer", "role": "user" },
          "recipient": { "id": "supportbot", "name": "SupportBot", "role": "bot" },
          "conversation": { "id": "{{WebChatConversation}}" }, "locale": "en-US", "text": {{Json(text)}},
          "entities": [ { "type": "ClientCapabilities", "requiresBotState": true, "supportsListening": true, "supportsTts": true } ],
          "channelData": { "clientActivityID": "1727773201000abc", "clientTimestamp": "2024-10-01T09:00:01.400Z" } }
        """);

    /// <summary>Web Chat posting a card button's data (Action.Submit): a message with a value and no text.</summary>
    public static JsonObject WebChatSubmit(string serviceUrl, JsonNode value, string id = "Gx1dd3ab|0000009")
    {
        var activity = WebChatMessage(serviceUrl, "", id);
        activity.Remove("text");
        activity["value"] = value;
        return activity;
    }

    /// <summary>Direct Line telling the bot the user joined (membersAdded = the user).</summary>
    public static JsonObject WebChatUserJoined(string serviceUrl) => Parse($$"""
        { "type": "conversationUpdate", "id": "Gx1dd3ab|0000000", "channelId": "directline",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:00:00.1Z",
          "from": { "id": "dl_6f1c2a", "name": "Customer", "role": "user" },
          "recipient": { "id": "supportbot", "name": "SupportBot", "role": "bot" },
          "conversation": { "id": "{{WebChatConversation}}" },
          "membersAdded": [ { "id": "dl_6f1c2a", "name": "Customer" } ] }
        """);

    /// <summary>Direct Line telling the bot it joined (membersAdded = the bot itself).</summary>
    public static JsonObject WebChatBotJoined(string serviceUrl) => Parse($$"""
        { "type": "conversationUpdate", "id": "Gx1dd3ab|0000001", "channelId": "directline",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:00:00.2Z",
          "from": { "id": "dl_6f1c2a", "name": "Customer", "role": "user" },
          "recipient": { "id": "supportbot", "name": "SupportBot", "role": "bot" },
          "conversation": { "id": "{{WebChatConversation}}" },
          "membersAdded": [ { "id": "supportbot", "name": "SupportBot" } ] }
        """);

    /// <summary>The Bot Framework Emulator (anonymous bot): serviceUrl is the Emulator's own loopback server.</summary>
    public static JsonObject EmulatorMessage(string serviceUrl, string text) => Parse($$"""
        { "type": "message", "id": "0f4c1f60-8a0a-11ef-9d1b-5f0d0f8e2f11", "channelId": "emulator",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:00:01.123Z",
          "localTimestamp": "2024-10-01T11:00:01+02:00", "localTimezone": "Europe/Berlin",
          "from": { "id": "a1b2c3d4-0000-4000-8000-000000000001", "name": "User", "role": "user" },
          "recipient": { "id": "e5f6a7b8-0000-4000-8000-000000000002", "name": "Bot", "role": "bot" },
          "conversation": { "id": "c9d8e7f6-0000-4000-8000-000000000003|livechat" },
          "locale": "en-US", "textFormat": "plain", "text": {{Json(text)}},
          "channelData": { "clientActivityID": "17277732011230.3k5v0kq7v5n", "clientTimestamp": "2024-10-01T09:00:01.120Z" },
          "entities": [ { "type": "ClientCapabilities", "requiresBotState": true, "supportsListening": true, "supportsTts": true } ] }
        """);

    /// <summary>A Teams channel message that @mentions the bot (§5.3), inside a thread.</summary>
    public static JsonObject TeamsChannelMention(string serviceUrl, string question) => Parse($$"""
        { "type": "message", "id": "1727773201234", "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:00:01.234Z",
          "from": { "id": "29:1abcAnaSilva", "name": "Ana Silva", "aadObjectId": "6f1c2a00-0000-4000-8000-00000000000a" },
          "recipient": { "id": "{{TeamsBotId}}", "name": "SupportBot" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-0000-4000-8000-00000000000b",
                            "id": "{{TeamsChannelConversation}}" },
          "textFormat": "plain", "locale": "en-GB",
          "text": {{Json("<at>SupportBot</at> " + question + "\n")}},
          "attachments": [ { "contentType": "text/html",
                             "content": {{Json("<div><at id=\"0\">SupportBot</at> " + question + "</div>")}} } ],
          "entities": [ { "type": "mention", "text": "<at>SupportBot</at>",
                          "mentioned": { "id": "{{TeamsBotId}}", "name": "SupportBot" } },
                        { "type": "clientInfo", "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London" } ],
          "channelData": { "tenant": { "id": "72f988bf-0000-4000-8000-00000000000b" },
                           "team": { "id": "19:teamroot@thread.tacv2" },
                           "channel": { "id": "19:d4c0ffee@thread.tacv2" } } }
        """);

    /// <summary>A Teams group chat message mentioning the bot.</summary>
    public static JsonObject TeamsGroupChatMention(string serviceUrl, string question)
    {
        var activity = TeamsChannelMention(serviceUrl, question);
        activity["id"] = "1727773209999";
        activity["conversation"] = Parse("""
            { "isGroup": true, "conversationType": "groupChat", "tenantId": "72f988bf-0000-4000-8000-00000000000b",
              "id": "19:meeting_abc123@thread.v2" }
            """);
        activity["channelData"] = Parse("""{ "tenant": { "id": "72f988bf-0000-4000-8000-00000000000b" } }""");
        return activity;
    }

    /// <summary>A Teams personal (1:1) chat message (§5.4): no mention, no isGroup.</summary>
    public static JsonObject TeamsPersonal(string serviceUrl, string text) => Parse($$"""
        { "type": "message", "id": "1727773205555", "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:05:05.555Z", "localTimestamp": "2024-10-01T10:05:05.555+01:00",
          "from": { "id": "29:1abcAnaSilva", "name": "Ana Silva", "aadObjectId": "6f1c2a00-0000-4000-8000-00000000000a" },
          "recipient": { "id": "{{TeamsBotId}}", "name": "SupportBot" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-0000-4000-8000-00000000000b", "id": "a:1personalChatId" },
          "textFormat": "plain", "locale": "en-US", "text": {{Json(text)}},
          "entities": [ { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Windows", "timezone": "America/New_York" } ],
          "channelData": { "tenant": { "id": "72f988bf-0000-4000-8000-00000000000b" } } }
        """);

    /// <summary>The bot installed in a team (§5.5): conversationUpdate with the bot in membersAdded.</summary>
    public static JsonObject TeamsBotAddedToTeam(string serviceUrl) => Parse($$"""
        { "type": "conversationUpdate", "id": "f:1727773300000", "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:10:00.000Z",
          "from": { "id": "29:1abcAnaSilva", "aadObjectId": "6f1c2a00-0000-4000-8000-00000000000a" },
          "recipient": { "id": "{{TeamsBotId}}", "name": "SupportBot" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-0000-4000-8000-00000000000b",
                            "id": "19:generalchannel@thread.tacv2" },
          "membersAdded": [ { "id": "{{TeamsBotId}}" } ],
          "channelData": { "eventType": "teamMemberAdded", "tenant": { "id": "72f988bf-0000-4000-8000-00000000000b" },
                           "team": { "id": "19:generalchannel@thread.tacv2", "name": "Support", "aadGroupId": "0b1c2d3e-0000-4000-8000-00000000000c" },
                           "settings": { "selectedChannel": { "id": "19:generalchannel@thread.tacv2" } } } }
        """);

    /// <summary>A user (not the bot) added to a team the bot is in.</summary>
    public static JsonObject TeamsUserAddedToTeam(string serviceUrl)
    {
        var activity = TeamsBotAddedToTeam(serviceUrl);
        activity["id"] = "f:1727773400000";
        activity["membersAdded"] = JsonNode.Parse("""[ { "id": "29:1newColleague", "aadObjectId": "7f1c2a00-0000-4000-8000-00000000000d" } ]""");
        return activity;
    }

    /// <summary>The bot installed for a user (§5.5): personal conversationUpdate with the bot and the user.</summary>
    public static JsonObject TeamsPersonalInstall(string serviceUrl) => Parse($$"""
        { "type": "conversationUpdate", "id": "f:1727773500000", "channelId": "msteams",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:15:00.000Z",
          "from": { "id": "29:1abcAnaSilva", "aadObjectId": "6f1c2a00-0000-4000-8000-00000000000a" },
          "recipient": { "id": "{{TeamsBotId}}", "name": "SupportBot" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-0000-4000-8000-00000000000b", "id": "a:1personalChatId" },
          "membersAdded": [ { "id": "{{TeamsBotId}}" }, { "id": "29:1abcAnaSilva", "aadObjectId": "6f1c2a00-0000-4000-8000-00000000000a" } ],
          "channelData": { "tenant": { "id": "72f988bf-0000-4000-8000-00000000000b" } } }
        """);

    /// <summary>A messaging extension search (§5.7).</summary>
    public static JsonObject ComposeExtensionQuery(string serviceUrl, string parameter, string value, int count = 25) => Parse($$"""
        { "type": "invoke", "name": "composeExtension/query", "channelId": "msteams", "id": "f:6227000000001",
          "serviceUrl": "{{serviceUrl}}", "timestamp": "2024-10-01T09:20:00.000Z",
          "from": { "id": "29:1c7AgentBob", "name": "Bob Agent", "aadObjectId": "8f1c2a00-0000-4000-8000-00000000000e" },
          "recipient": { "id": "{{TeamsBotId}}", "name": "SupportBot" },
          "conversation": { "id": "19:supportdesk@thread.tacv2", "conversationType": "channel", "tenantId": "72f988bf-0000-4000-8000-00000000000b" },
          "channelData": { "tenant": { "id": "72f988bf-0000-4000-8000-00000000000b" }, "source": { "name": "compose" } },
          "value": { "commandId": "searchFaq",
                     "parameters": [ { "name": {{Json(parameter)}}, "value": {{Json(value)}} } ],
                     "queryOptions": { "skip": 0, "count": {{count}} } },
          "entities": [ { "type": "clientInfo", "locale": "en-US", "platform": "Web" } ], "locale": "en-US" }
        """);

    /// <summary>A tap on a messaging extension result's preview: selectItem with the tap's value.</summary>
    public static JsonObject ComposeExtensionSelectItem(string serviceUrl, JsonNode value)
    {
        var activity = ComposeExtensionQuery(serviceUrl, "query", "x");
        activity["name"] = "composeExtension/selectItem";
        activity["id"] = "f:6227000000002";
        activity["value"] = value;
        return activity;
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Json(string text) => JsonValue.Create(text)!.ToJsonString();
}
