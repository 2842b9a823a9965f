using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Tests.Schema;

public sealed class ActivitySerializationTests
{
    [Fact]
    public void Deserialize_TeamsChannelMessage_ReadsProtocolFields()
    {
        var activity = Read(ProtocolSamples.TeamsChannelMessage);

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("msteams", activity.ChannelId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", activity.ServiceUrl);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 9, 0, 1, 234, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal("aad-ana", activity.From!.AadObjectId);
        Assert.Equal("28:00000000-0000-0000-0000-000000000001", activity.Recipient!.Id);
        Assert.True(activity.Conversation!.IsGroup);
        Assert.Equal("channel", activity.Conversation.ConversationType);
        Assert.Equal("tenant-1", activity.Conversation.TenantId);
        Assert.Equal("text/html", Assert.Single(activity.Attachments!).ContentType);
        Assert.Equal(JsonValueKind.String, activity.Attachments![0].Content!.Value.ValueKind);
        Assert.Equal(2, activity.Entities!.Count);
        Assert.Equal("19:d4@thread.tacv2", activity.ChannelData!.Value.GetProperty("channel").GetProperty("id").GetString());
    }

    [Fact]
    public void Deserialize_WebChatMessage_ReadsProtocolFields()
    {
        var activity = Read(ProtocolSamples.WebChatMessage);

        Assert.Equal("Gx1dd3ab|0000002", activity.Id);
        Assert.Equal("directline", activity.ChannelId);
        Assert.Equal(RoleTypes.User, activity.From!.Role);
        Assert.Equal(RoleTypes.Bot, activity.Recipient!.Role);
        Assert.Equal("Is my licence still valid?", activity.Text);
        Assert.Equal("1727773201000abc", activity.ChannelData!.Value.GetProperty("clientActivityID").GetString());
    }

    [Fact]
    public void Deserialize_EmulatorMessage_ReadsSevenDigitTimestampAndLocalOffset()
    {
        var activity = Read(ProtocolSamples.EmulatorMessage);

        Assert.Equal("emulator", activity.ChannelId);
        Assert.Equal("http://localhost:56789", activity.ServiceUrl);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 16, 0, 1, TimeSpan.Zero).AddTicks(1234567), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(-7), activity.LocalTimestamp!.Value.Offset);
        Assert.Equal("America/Los_Angeles", activity.LocalTimezone);
        Assert.Equal("ClientCapabilities", Assert.Single(activity.Entities!).Type);
    }

    [Fact]
    public void Deserialize_FieldNamesInOtherCasing_Accepted()
    {
        var activity = Read("""{ "Type": "message", "ServiceURL": "https://x.test/", "CONVERSATION": { "ID": "c" } }""");

        Assert.Equal("message", activity.Type);
        Assert.Equal("https://x.test/", activity.ServiceUrl);
        Assert.Equal("c", activity.Conversation!.Id);
    }

    [Theory]
    [InlineData(nameof(ProtocolSamples.TeamsChannelMessage))]
    [InlineData(nameof(ProtocolSamples.WebChatMessage))]
    [InlineData(nameof(ProtocolSamples.TeamsMessagingExtensionQuery))]
    public void RoundTrip_ProtocolSample_SemanticallyIdentical(string sample)
    {
        var json = (string)typeof(ProtocolSamples).GetField(sample)!.GetValue(null)!;

        var written = JsonSerializer.Serialize(Read(json), BotJson.Options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void RoundTrip_UnknownRootAndNestedFields_Preserved()
    {
        const string json = """
            { "type": "message", "futureField": { "a": [1, 2, {"b": null}] }, "x-number": 1.5,
              "from": { "id": "u", "givenName": "Ana", "userPrincipalName": "ana@example.test" },
              "conversation": { "id": "c", "customFlag": true },
              "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive",
                                 "content": { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "Hi", "wrap": true } ] },
                                 "extra": "kept" } ],
              "suggestedActions": { "actions": [ { "type": "imBack", "title": "Yes", "value": "yes", "mystery": 7 } ], "unknown": "u" },
              "entities": [ { "type": "GeoCoordinates", "latitude": 47.6, "longitude": -122.3 } ],
              "channelData": { "nested": { "deep": [ "kept", { "as": "is" } ] }, "emptyString": "" },
              "value": { "data": { "action": "submit" } } }
            """;

        var written = JsonSerializer.Serialize(Read(json), BotJson.Options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Serialize_NewReply_OmitsNullsAndEmptyCollectionsAndUsesCamelCase()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "hi",
            ReplyToId = "1",
            Attachments = [],
            Entities = [],
            SuggestedActions = new SuggestedActions { Actions = [] },
        };

        var written = JsonSerializer.Serialize(activity, BotJson.Options);

        Assert.Equal("""{"type":"message","text":"hi","suggestedActions":{},"replyToId":"1"}""", written);
    }

    [Fact]
    public void Serialize_Timestamps_UtcWithZAndLocalWithOffset()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = new DateTimeOffset(2024, 10, 1, 2, 0, 1, TimeSpan.FromHours(-7)).AddTicks(1234567),
            LocalTimestamp = new DateTimeOffset(2024, 10, 1, 2, 0, 1, 500, TimeSpan.FromHours(-7)),
        };

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;

        Assert.Equal("2024-10-01T09:00:01.1234567Z", written["timestamp"]!.GetValue<string>());
        Assert.Equal("2024-10-01T02:00:01.5-07:00", written["localTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Deserialize_UnparseableTimestamp_ReadAsNullWithoutFailing()
    {
        var activity = Read("""{ "type": "message", "timestamp": "yesterday", "localTimestamp": 12, "text": "still read" }""");

        Assert.Null(activity.Timestamp);
        Assert.Null(activity.LocalTimestamp);
        Assert.Equal("still read", activity.Text);
    }

    [Fact]
    public void Serialize_TeamsMentionText_NotHtmlEscaped()
    {
        var written = JsonSerializer.Serialize(new Activity { Type = "message", Text = "<at>Ana</at> & co" }, BotJson.Options);

        Assert.Contains("\"<at>Ana</at> & co\"", written, StringComparison.Ordinal);
    }

    private static Activity Read(string json) => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
}
