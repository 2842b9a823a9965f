using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Tests.Schema;

public sealed class ActivityAddressingTests
{
    [Fact]
    public void CreateReply_WebChatMessage_AddressedPerProtocol()
    {
        var inbound = Read(ProtocolSamples.WebChatMessage);

        var reply = inbound.CreateReply("Yes, until 2026.");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal(("supportbot", "SupportBot", "bot"), (reply.From!.Id, reply.From.Name, reply.From.Role));
        Assert.Equal(("dl_6f1c", "Customer"), (reply.Recipient!.Id, reply.Recipient.Name));
        Assert.Equal("Gx1dd3ab", reply.Conversation!.Id);
        Assert.Equal("directline", reply.ChannelId);
        Assert.Equal("https://dl.example.test/", reply.ServiceUrl);
        Assert.Equal("Gx1dd3ab|0000002", reply.ReplyToId);
        Assert.Equal("en-US", reply.Locale);
        Assert.Equal("acceptingInput", reply.InputHint);
        Assert.Equal("Yes, until 2026.", reply.Text);
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
        Assert.Null(reply.ChannelData);
    }

    [Fact]
    public void CreateReply_TeamsChannelMessage_KeepsConversationIdNameAndIsGroupOnly()
    {
        var inbound = Read(ProtocolSamples.TeamsChannelMessage);

        var reply = inbound.CreateReply("answer");

        Assert.Equal("19:d4@thread.tacv2;messageid=1727773201234", reply.Conversation!.Id);
        Assert.True(reply.Conversation.IsGroup);
        Assert.Null(reply.Conversation.ConversationType);
        Assert.Equal("1727773201234", reply.ReplyToId);
        Assert.Null(reply.From!.Role);
    }

    [Theory]
    [InlineData("directline", null)]
    [InlineData("webchat", null)]
    [InlineData("msteams", "update-1")]
    [InlineData("emulator", "update-1")]
    public void CreateReply_ConversationUpdate_NoReplyToIdOnDirectLineAndWebChat(string channelId, string? expectedReplyToId)
    {
        var inbound = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = "update-1",
            ChannelId = channelId,
            From = new ChannelAccount("user"),
            Recipient = new ChannelAccount("bot"),
            Conversation = new ConversationAccount { Id = "c" },
        };

        Assert.Equal(expectedReplyToId, inbound.CreateReply("welcome").ReplyToId);
        Assert.Equal(expectedReplyToId, inbound.GetConversationReference().ActivityId);
    }

    [Fact]
    public void GetConversationReference_MessageActivity_CapturesAddress()
    {
        var inbound = Read(ProtocolSamples.TeamsChannelMessage);

        var reference = inbound.GetConversationReference();

        Assert.Equal("1727773201234", reference.ActivityId);
        Assert.Equal("29:1abc", reference.User!.Id);
        Assert.Equal("28:00000000-0000-0000-0000-000000000001", reference.Bot!.Id);
        Assert.Equal("tenant-1", reference.Conversation!.TenantId);
        Assert.Equal("msteams", reference.ChannelId);
        Assert.Equal("en-GB", reference.Locale);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reference.ServiceUrl);
    }

    [Fact]
    public void ApplyConversationReference_OutgoingActivity_AddressedFromBotToUser()
    {
        var reference = Read(ProtocolSamples.WebChatMessage).GetConversationReference();
        var activity = new Activity { Type = ActivityTypes.Message, Locale = "fr-FR" };

        activity.ApplyConversationReference(reference);

        Assert.Equal("supportbot", activity.From!.Id);
        Assert.Equal("dl_6f1c", activity.Recipient!.Id);
        Assert.Equal("Gx1dd3ab|0000002", activity.ReplyToId);
        Assert.Equal("fr-FR", activity.Locale);
    }

    [Fact]
    public void GetMentions_TypeInAnyCase_ReadsMentionEntities()
    {
        var activity = new Activity
        {
            Entities =
            [
                Mention.Create(new ChannelAccount("29:1", "Ana")).ToEntity(),
                new Entity("Mention") { Properties = new() { ["text"] = JsonSerializer.SerializeToElement("<at>Bo</at>") } },
                new Entity("clientInfo"),
            ],
        };

        var mentions = activity.GetMentions();

        Assert.Equal(2, mentions.Count);
        Assert.Equal("<at>Ana</at>", mentions[0].Text);
        Assert.Equal("29:1", mentions[0].Mentioned!.Id);
        Assert.Equal("<at>Bo</at>", mentions[1].Text);
    }

    [Fact]
    public void MentionToEntity_Serialized_HasProtocolShape()
    {
        var entity = Mention.Create(new ChannelAccount("29:1", "Ana & Bo")).ToEntity();

        var written = JsonSerializer.Serialize(entity, BotJson.Options);

        Assert.Equal("""{"type":"mention","mentioned":{"id":"29:1","name":"Ana & Bo"},"text":"<at>Ana &amp; Bo</at>"}""", written);
    }

    private static Activity Read(string json) => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;
}
