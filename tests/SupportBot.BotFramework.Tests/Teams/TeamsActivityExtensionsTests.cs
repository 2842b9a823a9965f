using System.Text.Json;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Teams;
using SupportBot.BotFramework.Tests.Schema;

namespace SupportBot.BotFramework.Tests.Teams;

public sealed class TeamsActivityExtensionsTests
{
    private const string BotId = "28:00000000-0000-0000-0000-000000000001";

    [Fact]
    public void RemoveRecipientMention_ProtocolChannelMessage_LeavesQuestion()
    {
        var activity = Read(ProtocolSamples.TeamsChannelMessage);

        var text = activity.RemoveRecipientMention();

        Assert.Equal("when did updates stop?", text);
        Assert.Equal("when did updates stop?", activity.Text);
    }

    [Fact]
    public void RemoveRecipientMention_EntityTextWithAtSign_RemovesSpanNamingBot()
    {
        // Microsoft's own examples: entity text "<at>@Name</at>" while the message says "<at>Name</at>".
        var activity = Message("<at>SupportBot</at> reset my password", Mention(BotId, "SupportBot", "<at>@SupportBot</at>"));

        Assert.Equal("reset my password", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_OtherUsersMentioned_KeepsThem()
    {
        var activity = Message(
            "<at>SupportBot</at> can <at>Ana Silva</at> get a licence?",
            Mention(BotId, "SupportBot", "<at>SupportBot</at>"),
            Mention("29:ana", "Ana Silva", "<at>Ana Silva</at>"));

        Assert.Equal("can <at>Ana Silva</at> get a licence?", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_PersonSharingBotsName_Kept()
    {
        var activity = Message(
            "<at>SupportBot</at> ping <at id=\"1\">SupportBot</at>",
            Mention(BotId, "SupportBot", "<at>SupportBot</at>"),
            Mention("29:namesake", "SupportBot", "<at id=\"1\">SupportBot</at>"));

        Assert.Equal("ping <at id=\"1\">SupportBot</at>", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_MentionTypeInOtherCase_StillRemoved()
    {
        // The mention text names the bot differently from recipient.name, so only the entity can remove it.
        var mention = Mention(BotId, null, "<at>Helpdesk</at>");
        mention.Type = "Mention";
        var activity = Message("<at>Helpdesk</at>&nbsp;hello", mention);

        Assert.Equal("hello", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_MentionOfSomeoneElseOnly_TextKept()
    {
        var activity = Message("<at>Helpdesk</at> hello", Mention("29:other", null, "<at>Helpdesk</at>"));

        Assert.Equal("<at>Helpdesk</at> hello", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_HtmlEntitiesAndWhitespace_DecodedAndCollapsed()
    {
        var activity = Message(
            "  <at>SupportBot</at>&nbsp;&nbsp;refunds\n\tfor  orders &amp; returns&#39;s  ",
            Mention(BotId, "SupportBot", "<at>SupportBot</at>"));

        Assert.Equal("refunds for orders & returns's", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_NoMentionEntity_RemovesSpanNamingRecipient()
    {
        var activity = Message("<at>SupportBot</at> hi");

        Assert.Equal("hi", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_MentionInMiddle_JoinsWithSingleSpace()
    {
        var activity = Message("hello<at>SupportBot</at>there", Mention(BotId, "SupportBot", "<at>SupportBot</at>"));

        Assert.Equal("hello there", activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_NullText_ReturnsNull()
    {
        var activity = Message(null!);

        Assert.Null(activity.RemoveRecipientMention());
    }

    [Fact]
    public void RemoveRecipientMention_RandomText_NeverThrows()
    {
        var random = new Random(1234);
        const string alphabet = "<>/at @&;#nbsp\"'= \n\tSupportBot";
        for (var i = 0; i < 500; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var activity = Message(new string(chars), Mention(BotId, "SupportBot", new string(chars.Take(random.Next(0, 10)).ToArray())));

            var text = activity.RemoveRecipientMention();

            Assert.NotNull(text);
        }
    }

    [Fact]
    public void ConversationHelpers_ChannelThread_ReadTypeGroupChannelAndRoot()
    {
        var activity = Read(ProtocolSamples.TeamsChannelMessage);

        Assert.Equal("channel", activity.GetConversationType());
        Assert.True(activity.IsGroupConversation());
        Assert.Equal("19:d4@thread.tacv2", activity.GetTeamsChannelId());
        Assert.Equal("1727773201234", activity.GetThreadRootMessageId());
        Assert.Equal("tenant-1", activity.GetTeamsChannelData()!.Tenant!.Id);
        Assert.Equal("19:team@thread.tacv2", activity.GetTeamsChannelData()!.Team!.Id);
    }

    [Fact]
    public void ConversationHelpers_ChannelWithoutChannelData_ChannelIdFromConversationId()
    {
        var activity = new Activity { Conversation = new ConversationAccount { Id = "19:x@thread.tacv2;messageid=42", ConversationType = "channel" } };

        Assert.Equal("19:x@thread.tacv2", activity.GetTeamsChannelId());
        Assert.Equal("42", activity.GetThreadRootMessageId());
    }

    [Fact]
    public void ConversationHelpers_PersonalChat_NotGroupNoThread()
    {
        var activity = new Activity
        {
            Conversation = new ConversationAccount { Id = "a:1xyz", ConversationType = "personal", TenantId = "t" },
            ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = "t" } }),
        };

        Assert.Equal("personal", activity.GetConversationType());
        Assert.False(activity.IsGroupConversation());
        Assert.Null(activity.GetTeamsChannelId());
        Assert.Null(activity.GetThreadRootMessageId());
    }

    private static Activity Read(string json) => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!;

    private static Mention Mention(string id, string? name, string text) => new() { Mentioned = new ChannelAccount(id, name), Text = text };

    private static Activity Message(string text, params Mention[] mentions) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.Msteams,
        Text = text,
        Recipient = new ChannelAccount(BotId, "SupportBot"),
        Entities = mentions.Select(m => Entity.FromObject(m)).ToList(),
    };
}
