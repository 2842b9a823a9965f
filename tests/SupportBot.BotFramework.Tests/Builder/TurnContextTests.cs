using System.Text.Json;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Builder;

public sealed class TurnContextTests
{
    [Fact]
    public async Task SendActivityAsync_Text_RepliesToInboundAddressedPerProtocol()
    {
        var connector = new RecordingConnectorClient();
        var context = new TurnContext(Read(ProtocolSamples.WebChatMessage), connector);

        await context.SendActivityAsync("Yes, until 2026.");

        var (operation, conversationId, activityId, sent) = Assert.Single(connector.Calls);
        Assert.Equal(("reply", "Gx1dd3ab", "Gx1dd3ab|0000002"), (operation, conversationId, activityId));
        Assert.Equal("message", sent!.Type);
        Assert.Equal("supportbot", sent.From!.Id);
        Assert.Equal("dl_6f1c", sent.Recipient!.Id);
        Assert.Equal("Gx1dd3ab|0000002", sent.ReplyToId);
        Assert.Equal("directline", sent.ChannelId);
        Assert.Equal("en-US", sent.Locale);
        Assert.Equal("acceptingInput", sent.InputHint);
        Assert.True(context.Responded);
    }

    [Fact]
    public async Task SendActivityAsync_WelcomeOnWebChatConversationUpdate_SentToConversationWithoutReplyToId()
    {
        var connector = new RecordingConnectorClient();
        var inbound = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = "cu-1",
            ChannelId = Channels.Webchat,
            ServiceUrl = "https://dl.example.test/",
            From = new ChannelAccount("dl_user"),
            Recipient = new ChannelAccount("bot"),
            Conversation = new ConversationAccount { Id = "conv" },
        };

        await new TurnContext(inbound, connector).SendActivityAsync("Welcome!");

        var (operation, _, activityId, sent) = Assert.Single(connector.Calls);
        Assert.Equal("send", operation);
        Assert.Null(activityId);
        Assert.Null(sent!.ReplyToId);
    }

    [Fact]
    public async Task SendActivityAsync_ActivityWithChannelOwnedFields_StrippedAndCallerCopyUntouched()
    {
        var connector = new RecordingConnectorClient();
        var context = new TurnContext(Read(ProtocolSamples.TeamsChannelMessage), connector);
        var mine = new Activity
        {
            Id = "client-id",
            Timestamp = DateTimeOffset.UnixEpoch,
            CallerId = "urn:forged",
            Text = "hi",
            InputHint = InputHints.ExpectingInput,
        };

        await context.SendActivityAsync(mine);

        var sent = Assert.Single(connector.Calls).Activity!;
        Assert.Null(sent.Id);
        Assert.Null(sent.Timestamp);
        Assert.Null(sent.CallerId);
        Assert.Equal("message", sent.Type);
        Assert.Equal("expectingInput", sent.InputHint);
        Assert.Equal("client-id", mine.Id);
        Assert.Null(mine.From);
        Assert.Null(mine.Type);
    }

    [Theory]
    [InlineData("emulator", 1)]
    [InlineData("msteams", 0)]
    public async Task SendActivityAsync_Trace_SentOnlyToEmulator(string channelId, int expectedCalls)
    {
        var connector = new RecordingConnectorClient();
        var inbound = Read(ProtocolSamples.WebChatMessage);
        inbound.ChannelId = channelId;
        var context = new TurnContext(inbound, connector);

        await context.SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Label = "debug" });

        Assert.Equal(expectedCalls, connector.Calls.Count);
        Assert.False(context.Responded);
    }

    [Fact]
    public async Task SendActivityAsync_InvokeResponseActivity_SetsInvokeResponseWithoutSending()
    {
        var connector = new RecordingConnectorClient();
        var context = new TurnContext(Read(ProtocolSamples.TeamsMessagingExtensionQuery), connector);

        await context.SendActivityAsync(new Activity
        {
            Type = ActivityTypes.InvokeResponse,
            Value = JsonSerializer.SerializeToElement(new { status = 202, body = new { ok = true } }),
        });

        Assert.Empty(connector.Calls);
        Assert.Equal(202, context.InvokeResponse!.Status);
        Assert.True(((JsonElement)context.InvokeResponse.Body!).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task UpdateAndDeleteActivityAsync_TargetTheGivenActivityInTheConversation()
    {
        var connector = new RecordingConnectorClient();
        var context = new TurnContext(Read(ProtocolSamples.TeamsChannelMessage), connector);

        await context.UpdateActivityAsync(new Activity { Id = "bot-msg-1", Type = "message", Text = "edited" });
        await context.DeleteActivityAsync("bot-msg-1");

        var calls = connector.Calls.ToList();
        Assert.Equal(("update", "19:d4@thread.tacv2;messageid=1727773201234", "bot-msg-1"), (calls[0].Operation, calls[0].ConversationId, calls[0].ActivityId));
        Assert.Equal("bot-msg-1", calls[0].Activity!.Id);
        Assert.Equal(("delete", "bot-msg-1"), (calls[1].Operation, calls[1].ActivityId));
    }

    private static Activity Read(string json) => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
}
