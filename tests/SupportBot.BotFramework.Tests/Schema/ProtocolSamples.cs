namespace SupportBot.BotFramework.Tests.Schema;

/// <summary>Activity shapes from the protocol reference (ids are fake).</summary>
internal static class ProtocolSamples
{
    public const string TeamsChannelMessage = """
        { "type": "message", "id": "1727773201234", "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/", "timestamp": "2024-10-01T09:00:01.234Z",
          "from": { "id": "29:1abc", "name": "Ana Silva", "aadObjectId": "aad-ana" },
          "recipient": { "id": "28:00000000-0000-0000-0000-000000000001", "name": "SupportBot" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "tenant-1",
                            "id": "19:d4@thread.tacv2;messageid=1727773201234" },
          "textFormat": "plain", "locale": "en-GB",
          "text": "<at>SupportBot</at> when did updates stop?\n",
          "attachments": [ { "contentType": "text/html",
                             "content": "<div><at id=\"0\">SupportBot</at> when did updates stop?</div>" } ],
          "entities": [ { "type": "mention", "text": "<at>SupportBot</at>",
                          "mentioned": { "id": "28:00000000-0000-0000-0000-000000000001", "name": "SupportBot" } },
                        { "type": "clientInfo", "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London" } ],
          "channelData": { "tenant": { "id": "tenant-1" }, "team": { "id": "19:team@thread.tacv2" },
                           "channel": { "id": "19:d4@thread.tacv2" } } }
        """;

    public const string WebChatMessage = """
        { "type": "message", "id": "Gx1dd3ab|0000002", "channelId": "directline",
          "serviceUrl": "https://dl.example.test/", "timestamp": "2024-10-01T09:00:01.5Z",
          "from": { "id": "dl_6f1c", "name": "Customer", "role": "user" },
          "recipient": { "id": "supportbot", "name": "SupportBot", "role": "bot" },
          "conversation": { "id": "Gx1dd3ab" }, "locale": "en-US", "text": "Is my licence still valid?",
          "channelData": { "clientActivityID": "1727773201000abc" } }
        """;

    public const string EmulatorMessage = """
        { "type": "message", "id": "4a6f2e10-8a1b-11ef-a9c1-3b1f0d0c0e01", "channelId": "emulator",
          "serviceUrl": "http://localhost:56789", "timestamp": "2024-10-01T16:00:01.1234567Z",
          "localTimestamp": "2024-10-01T09:00:01-07:00", "localTimezone": "America/Los_Angeles",
          "from": { "id": "e5c2c7e0-user", "name": "User", "role": "user" },
          "recipient": { "id": "bot-id", "name": "Bot", "role": "bot" },
          "conversation": { "id": "8f1a9c30-conv|livechat" }, "locale": "en-US", "textFormat": "plain",
          "text": "hello", "attachments": [], "entities": [ { "type": "ClientCapabilities", "requiresBotState": true } ],
          "channelData": { "clientActivityID": "17277-abc", "clientTimestamp": "2024-10-01T16:00:01.100Z" } }
        """;

    public const string TeamsMessagingExtensionQuery = """
        { "type": "invoke", "name": "composeExtension/query", "channelId": "msteams", "id": "f:6227",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "from": { "id": "29:1c7", "name": "Ana Silva", "aadObjectId": "aad-ana" },
          "recipient": { "id": "28:00000000-0000-0000-0000-000000000001", "name": "SupportBot" },
          "conversation": { "id": "19:chan@thread.tacv2", "conversationType": "channel", "tenantId": "tenant-1" },
          "channelData": { "tenant": { "id": "tenant-1" }, "source": { "name": "compose" } },
          "value": { "commandId": "searchFaq",
                     "parameters": [ { "name": "query", "value": "refund" } ],
                     "queryOptions": { "skip": 0, "count": 25 } },
          "entities": [ { "type": "clientInfo", "locale": "en-US", "platform": "Web" } ], "locale": "en-US" }
        """;
}
