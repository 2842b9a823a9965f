using System.Net;
using System.Text.Json.Nodes;
using SupportBot.Answering;
using SupportBot.Bot;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Bot;

/// <summary>
/// /api/messages on the real host (anonymous, as with the Emulator), answering recorded-shape activities from
/// Web Chat, the Emulator and Teams to a fake channel, checked field by field.
/// </summary>
public sealed class MessagingEndpointTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    private const string UpdatesQuestion = "when did kaspersky updates stop?";
    private readonly FakeChannel _channel = Cleared(fixture.Channel);
    private readonly BotHost _host = fixture.Host;

    [Fact]
    public async Task WebChatMessage_FaqQuestion_TypingThenAnswerWithSourcesCardFollowUpsAndFeedback()
    {
        var inbound = Payloads.WebChatMessage(_channel.ServiceUrl, UpdatesQuestion);

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requests = _channel.Requests;
        Assert.Equal(2, requests.Count);
        var typing = ReplyAssert.Addressed(requests[0], inbound);
        Assert.Equal("typing", typing["type"]!.GetValue<string>());

        var reply = ReplyAssert.Addressed(requests[1], inbound);
        var faq = Knowledge().FaqsById["updates-stopped"];
        Assert.Equal("message", reply["type"]!.GetValue<string>());
        Assert.Equal(Markdown.Escape(faq.Answer), reply["text"]!.GetValue<string>());
        Assert.Equal("markdown", reply["textFormat"]!.GetValue<string>());
        Assert.Equal("acceptingInput", reply["inputHint"]!.GetValue<string>());
        Assert.Equal("en-US", reply["locale"]!.GetValue<string>());
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());

        // Follow-ups: the FAQ's own, as imBack suggested actions (clicking one asks it).
        Assert.Equal(faq.FollowUps.Take(3).Select(id => Knowledge().FaqsById[id].Question), ReplyAssert.SuggestedImBacks(reply));

        // Sources: each article title and the quote the answer rests on.
        var card = ReplyAssert.Card(reply);
        var texts = ReplyAssert.Texts(card);
        var article = Knowledge().ArticlesById[faq.Sources[0].ArticleId];
        Assert.Contains("Sources", texts);
        Assert.Contains(article.Title, texts);
        foreach (var source in faq.Sources)
        {
            Assert.Contains($"“{source.Quote}”", texts);
        }

        // "Was this helpful?" with Yes/No submits carrying the answer's id and question.
        Assert.Contains("Was this helpful?", texts);
        var submits = ReplyAssert.Actions(card, "Action.Submit");
        Assert.Equal(["Yes", "No"], submits.Select(s => s["title"]!.GetValue<string>()));
        Assert.Equal([true, false], submits.Select(s => s["data"]!["helpful"]!.GetValue<bool>()));
        foreach (var submit in submits)
        {
            Assert.Equal("feedback", submit["data"]!["action"]!.GetValue<string>());
            Assert.Equal(UpdatesQuestion, submit["data"]!["question"]!.GetValue<string>());
            Assert.Equal("updates-stopped", submit["data"]!["documentId"]!.GetValue<string>());
            Assert.Matches("^[0-9a-f]{32}$", submit["data"]!["answerId"]!.GetValue<string>());
        }

        var logged = (await _host.Services.GetRequiredService<IQuestionLog>().RecentAsync(1, default)).Single();
        Assert.Equal((UpdatesQuestion, "faq", "updates-stopped", "directline"), (logged.Question, logged.Kind, logged.DocumentId, logged.Channel));
        Assert.Equal(submits[0]["data"]!["answerId"]!.GetValue<string>(), logged.AnswerId);
    }

    [Fact]
    public async Task EmulatorMessage_FaqQuestion_AnsweredToTheEmulatorsServiceUrl()
    {
        var inbound = Payloads.EmulatorMessage(_channel.ServiceUrl, "Is the free offer still available?");

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Messages), inbound);
        Assert.Equal(Markdown.Escape(Knowledge().FaqsById["free-offer-still-available"].Answer), reply["text"]!.GetValue<string>());
        Assert.Null(_channel.Requests.First(r => r.Type == "typing").Authorization);
        Assert.All(_channel.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task TeamsChannelMention_MentionStrippedAndAnsweredInTheSameThread()
    {
        var inbound = Payloads.TeamsChannelMention(_channel.ServiceUrl, UpdatesQuestion);

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["typing", "message"], _channel.Requests.Select(r => r.Type));
        var reply = ReplyAssert.Addressed(_channel.Messages[0], inbound);
        Assert.Equal(
            "/v3/conversations/19%3Ad4c0ffee%40thread.tacv2%3Bmessageid%3D1727773201234/activities/1727773201234",
            _channel.Messages[0].RawTarget);
        Assert.Equal(Payloads.TeamsChannelConversation, reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("channel", reply["conversation"]!["conversationType"]!.GetValue<string>());
        Assert.Equal(Markdown.Escape(Knowledge().FaqsById["updates-stopped"].Answer), reply["text"]!.GetValue<string>());

        // Asked without the mention: the logged question is the bare one.
        var logged = (await _host.Services.GetRequiredService<IQuestionLog>().RecentAsync(1, default)).Single();
        Assert.Equal((UpdatesQuestion, "updates-stopped", "msteams"), (logged.Question, logged.DocumentId, logged.Channel));

        // Suggested actions do not show in Teams channels, so the follow-ups are card buttons there too.
        var buttons = ReplyAssert.Actions(ReplyAssert.Card(reply), "Action.Submit").Where(a => a["data"]!["action"]!.GetValue<string>() == "ask").ToList();
        Assert.Equal(ReplyAssert.SuggestedImBacks(reply), buttons.Select(b => b["title"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal(b["title"]!.GetValue<string>(), b["data"]!["msteams"]!["value"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal("imBack", b["data"]!["msteams"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TeamsGroupChatMention_AnsweredInTheGroupChat()
    {
        var inbound = Payloads.TeamsGroupChatMention(_channel.ServiceUrl, "why was kaspersky banned");

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Messages), inbound);
        Assert.Equal("groupChat", reply["conversation"]!["conversationType"]!.GetValue<string>());
        Assert.Equal(Markdown.Escape(Knowledge().FaqsById["why-banned"].Answer), reply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task TeamsPersonalChat_AnsweredWithSuggestedActionsAndNoExtraButtons()
    {
        var inbound = Payloads.TeamsPersonal(_channel.ServiceUrl, UpdatesQuestion);

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Messages), inbound);
        Assert.Equal("a:1personalChatId", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("/v3/conversations/a%3A1personalChatId/activities/1727773205555", _channel.Messages[0].RawTarget);
        Assert.Equal(3, ReplyAssert.SuggestedImBacks(reply).Count);
        Assert.DoesNotContain(ReplyAssert.Actions(ReplyAssert.Card(reply), "Action.Submit"), a => a["data"]!["action"]!.GetValue<string>() == "ask");
    }

    [Fact]
    public async Task FeedbackYes_ClickedOnTheCard_RecordedAndAcknowledged()
    {
        var yes = await AskAndGetFeedbackDataAsync("what was the free offer", helpful: true);
        var click = Payloads.WebChatSubmit(_channel.ServiceUrl, yes.DeepClone());
        _channel.Clear();

        using var response = await _host.PostActivityAsync(click);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Requests), click);
        Assert.Equal("Thanks for the feedback!", reply["text"]!.GetValue<string>());
        var recorded = await FeedbackFor(yes["answerId"]!.GetValue<string>());
        Assert.True(recorded.Helpful);
        Assert.Equal((yes["documentId"]!.GetValue<string>(), "what was the free offer", "directline"), (recorded.DocumentId, recorded.Question, recorded.Channel));
        Assert.StartsWith("free-offer", recorded.DocumentId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackNo_ThenYes_LastClickWinsAndNoOffersAPerson()
    {
        var no = await AskAndGetFeedbackDataAsync("why was kaspersky banned", helpful: false);
        _channel.Clear();

        using (await _host.PostActivityAsync(Payloads.WebChatSubmit(_channel.ServiceUrl, no.DeepClone())))
        {
        }

        var reply = Assert.Single(_channel.Requests).Json!;
        Assert.StartsWith("Thanks for the feedback.", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Talk to a person"], ReplyAssert.SuggestedImBacks(reply));
        Assert.False((await FeedbackFor(no["answerId"]!.GetValue<string>())).Helpful);

        var yes = no.DeepClone();
        yes["helpful"] = true;
        using (await _host.PostActivityAsync(Payloads.WebChatSubmit(_channel.ServiceUrl, yes)))
        {
        }

        Assert.True((await FeedbackFor(no["answerId"]!.GetValue<string>())).Helpful);
    }

    [Fact]
    public async Task OutOfScopeQuestion_FallbackWithClosestTopicsAndTalkToAPersonThatHandsOff()
    {
        var inbound = Payloads.WebChatMessage(_channel.ServiceUrl, "what's the weather like tomorrow");

        using (await _host.PostActivityAsync(inbound))
        {
        }

        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Messages), inbound);
        var buttons = ReplyAssert.SuggestedImBacks(reply);
        Assert.Equal("Talk to a person", buttons[^1]);
        Assert.InRange(buttons.Count, 2, 4);
        Assert.All(buttons[..^1], b => Assert.Contains(Knowledge().Faqs, f => f.Question == b));
        Assert.Contains(ChannelHostFixture.SupportContact, reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(reply["attachments"]);

        _channel.Clear();
        var handoff = Payloads.WebChatMessage(_channel.ServiceUrl, buttons[^1], "Gx1dd3ab|0000004");
        using (await _host.PostActivityAsync(handoff))
        {
        }

        var handoffReply = ReplyAssert.Addressed(Assert.Single(_channel.Requests), handoff);
        Assert.Equal(Markdown.Escape(Knowledge().Responses.HandoffFor(ChannelHostFixture.SupportContact)), handoffReply["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task SuggestedQuestionClicked_ImBackTextAsked()
    {
        var inbound = Payloads.WebChatMessage(_channel.ServiceUrl, Knowledge().FaqsById["why-banned"].Question);

        using (await _host.PostActivityAsync(inbound))
        {
        }

        Assert.Equal(Markdown.Escape(Knowledge().FaqsById["why-banned"].Answer), Assert.Single(_channel.Messages).Text);
    }

    [Fact]
    public async Task WebChatUserJoined_WelcomeWithSuggestedQuestionsAndNoReplyToId()
    {
        var inbound = Payloads.WebChatUserJoined(_channel.ServiceUrl);

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Requests), inbound, expectReplyToId: false);
        Assert.StartsWith(Markdown.Escape(Knowledge().Responses.Welcome), reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(Knowledge().Responses.Suggested.Select(id => Knowledge().FaqsById[id].Question), ReplyAssert.SuggestedImBacks(reply));
    }

    [Fact]
    public async Task WebChatJoinEvent_Welcomed_OtherEventsIgnored()
    {
        var join = Payloads.WebChatMessage(_channel.ServiceUrl, "", "Gx1dd3ab|0000005");
        join["type"] = "event";
        join["name"] = "webchat/join";
        join["value"] = new JsonObject { ["language"] = "en-US" };
        var other = join.DeepClone();
        other["name"] = "webchat/somethingElse";

        using (await _host.PostActivityAsync(other))
        {
        }

        Assert.Empty(_channel.Requests);
        using (await _host.PostActivityAsync(join))
        {
        }

        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Requests), join);
        Assert.StartsWith(Markdown.Escape(Knowledge().Responses.Welcome), reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebChatBotJoined_BotNeverGreetsItself()
    {
        using var response = await _host.PostActivityAsync(Payloads.WebChatBotJoined(_channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task TeamsBotAddedToTeam_OneWelcomeWithQuestionsAsCardButtons()
    {
        var inbound = Payloads.TeamsBotAddedToTeam(_channel.ServiceUrl);

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Requests), inbound);
        Assert.StartsWith(Markdown.Escape(Knowledge().Responses.Welcome), reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var buttons = ReplyAssert.Actions(ReplyAssert.Card(reply), "Action.Submit");
        Assert.Equal(Knowledge().Responses.Suggested.Select(id => Knowledge().FaqsById[id].Question), buttons.Select(b => b["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TeamsUserAddedToTeam_NoGreetingForEveryNewMember()
    {
        using var response = await _host.PostActivityAsync(Payloads.TeamsUserAddedToTeam(_channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task TeamsPersonalInstall_BotAndUserAdded_ExactlyOneWelcome()
    {
        var inbound = Payloads.TeamsPersonalInstall(_channel.ServiceUrl);

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Requests), inbound);
        Assert.StartsWith(Markdown.Escape(Knowledge().Responses.Welcome), reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(6, ReplyAssert.SuggestedImBacks(reply).Count);
    }

    [Fact]
    public async Task MentionOnly_NoQuestion_WelcomeInstead()
    {
        var inbound = Payloads.TeamsChannelMention(_channel.ServiceUrl, "");

        using (await _host.PostActivityAsync(inbound))
        {
        }

        Assert.StartsWith(Markdown.Escape(Knowledge().Responses.Welcome), Assert.Single(_channel.Requests).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("messageReaction")]
    [InlineData("somethingFromTheFuture")]
    public async Task OtherActivityTypes_200AndNothingSent(string type)
    {
        var inbound = Payloads.WebChatMessage(_channel.ServiceUrl, "hi");
        inbound["type"] = type;

        using var response = await _host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_channel.Requests);
    }

    [Fact]
    public async Task Questions_NeverWrittenToTheLogs()
    {
        const string Secretive = "my licence key is ZX-SECRET-4242, when did updates stop";

        using (await _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, Secretive)))
        {
        }

        Assert.NotEmpty(_channel.Messages);
        Assert.Contains(_host.Logs.Lines, l => l.EventId == 3200);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Message.Contains("ZX-SECRET", StringComparison.Ordinal));
    }

    private async Task<JsonNode> AskAndGetFeedbackDataAsync(string question, bool helpful)
    {
        _channel.Clear();
        using (await _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, question)))
        {
        }

        var card = ReplyAssert.Card(Assert.Single(_channel.Messages).Json!);
        return ReplyAssert.Actions(card, "Action.Submit").Single(a => a["data"]!["helpful"]!.GetValue<bool>() == helpful)["data"]!;
    }

    private async Task<FeedbackRecord> FeedbackFor(string answerId) =>
        (await _host.Services.GetRequiredService<IFeedbackStore>().RecentAsync(100, default)).Single(f => f.AnswerId == answerId);

    private Engine.Knowledge.KnowledgeBase Knowledge() => _host.Services.GetRequiredService<IAnswerEngineProvider>().Current!.Knowledge;

    private static FakeChannel Cleared(FakeChannel channel)
    {
        channel.Clear();
        return channel;
    }
}
