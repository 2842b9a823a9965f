using System.Net;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Bot;

/// <summary>
/// What the bot remembers between turns and across restarts: clarify candidates, feedback and the question
/// log in SQLite, and the one turn-error handler that resets a conversation's state.
/// </summary>
public sealed class ConversationStateTests : IAsyncLifetime
{
    // Two entries phrased alike (never identically: validation refuses that) about different things: the engine asks.
    private const string TwinEntries = """
        - id: gadget-case-colour
          question: What colour is the gadget case?
          alternates: [gadget colour, colour of the gadget, which colour gadget, gadget colour options, is the gadget colourful]
          answer: Acme says the case is blue.
          sources:
            - article: kaspersky-leaving-us
              quote: "Customers have been given until September 29 to migrate to other companies’ products."
          tags: [gadget-case]

        - id: gadget-lid-colour
          question: What colour is the gadget lid?
          alternates: [gadget colours, colours of the gadget, which colours gadget, gadget colours on offer, are gadgets colourful]
          answer: Acme says the lid is red.
          sources:
            - article: kaspersky-leaving-us
              quote: "Customers have been given until September 29 to migrate to other companies’ products."
          tags: [gadget-lid]
        """;

    private FakeChannel _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task Clarify_TwoCandidatesAsButtons_ThenSecondPickedByNumber()
    {
        using var knowledge = new KnowledgeCopy();
        File.WriteAllText(knowledge.PathOf("faq/zz-twins.yaml"), TwinEntries);
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge.Root });
        var question = Payloads.TeamsPersonal(_channel.ServiceUrl, "what colour is the gadget?");

        using (await host.PostActivityAsync(question))
        {
        }

        var clarify = ReplyAssert.Addressed(Assert.Single(_channel.Messages), question);
        Assert.StartsWith("Did you mean", clarify["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var candidates = ReplyAssert.SuggestedImBacks(clarify);
        Assert.Equal(["What colour is the gadget case?", "What colour is the gadget lid?"], candidates.Order());
        Assert.Null(clarify["attachments"]);

        _channel.Clear();
        using (await host.PostActivityAsync(Payloads.TeamsPersonal(_channel.ServiceUrl, "2")))
        {
        }

        var expected = candidates[1].Contains("lid", StringComparison.Ordinal) ? "Acme says the lid is red." : "Acme says the case is blue.";
        Assert.Equal(expected, Assert.Single(_channel.Messages).Text);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Clarify_InATeamsChannel_CandidatesAreCardButtonsToo()
    {
        using var knowledge = new KnowledgeCopy();
        File.WriteAllText(knowledge.PathOf("faq/zz-twins.yaml"), TwinEntries);
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge.Root });

        using (await host.PostActivityAsync(Payloads.TeamsChannelMention(_channel.ServiceUrl, "what colour is the gadget?")))
        {
        }

        var reply = Assert.Single(_channel.Messages).Json!;
        var buttons = ReplyAssert.Actions(ReplyAssert.Card(reply), "Action.Submit");
        Assert.Equal(ReplyAssert.SuggestedImBacks(reply), buttons.Select(b => b["title"]!.GetValue<string>()));
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task FeedbackAndQuestionLog_SurviveARestart()
    {
        var data = Path.Combine(Path.GetTempPath(), "supportbot-host-tests", Guid.NewGuid().ToString("N"));
        string answerId;
        await using (var first = await BotHost.StartAsync(dataFolder: data))
        {
            using (await first.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "when did updates stop")))
            {
            }

            var yes = ReplyAssert.Actions(ReplyAssert.Card(_channel.Messages.Single().Json!), "Action.Submit")[0]["data"]!;
            answerId = yes["answerId"]!.GetValue<string>();
            using var click = await first.PostActivityAsync(Payloads.WebChatSubmit(_channel.ServiceUrl, yes.DeepClone()));
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        }

        await using (var second = await BotHost.StartAsync(dataFolder: data))
        {
            var feedback = Assert.Single(await second.Services.GetRequiredService<IFeedbackStore>().RecentAsync(10, default));
            Assert.Equal((answerId, true, "when did updates stop", "directline"), (feedback.AnswerId, feedback.Helpful, feedback.Question, feedback.Channel));
            var logged = Assert.Single(await second.Services.GetRequiredService<IQuestionLog>().RecentAsync(10, default));
            Assert.Equal((answerId, "when did updates stop", "faq"), (logged.AnswerId, logged.Question, logged.Kind));
            Assert.Equal(feedback.DocumentId, logged.DocumentId);
        }

        BotHost.DeleteData(data);
    }

    [Fact]
    public async Task ConversationStateInSqlite_SurvivesARestart_ClarifyAnsweredAfterIt()
    {
        using var knowledge = new KnowledgeCopy();
        File.WriteAllText(knowledge.PathOf("faq/zz-twins.yaml"), TwinEntries);
        var data = Path.Combine(Path.GetTempPath(), "supportbot-host-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge.Root, ["Storage:Provider"] = "sqlite" };
        await using (var first = await BotHost.StartAsync(settings, dataFolder: data))
        {
            using (await first.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "what colour is the gadget?")))
            {
            }
        }

        _channel.Clear();
        await using (var second = await BotHost.StartAsync(settings, dataFolder: data))
        {
            using (await second.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "the first one", "Gx1dd3ab|0000007")))
            {
            }
        }

        Assert.StartsWith("Acme says the", Assert.Single(_channel.Messages).Text, StringComparison.Ordinal);
        BotHost.DeleteData(data);
    }

    [Fact]
    public async Task TurnFails_UserToldSomethingHumanStateResetAndErrorLoggedOnce()
    {
        var states = new RecordingStateStore();
        await using var host = await BotHost.StartAsync(services: s =>
        {
            s.AddSingleton<IConversationStateStore>(states);
            s.AddSingleton<IQuestionLog, FailingQuestionLog>();
        });
        var inbound = Payloads.WebChatMessage(_channel.ServiceUrl, "when did updates stop");

        using var response = await host.PostActivityAsync(inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = ReplyAssert.Addressed(Assert.Single(_channel.Messages), inbound);
        Assert.Equal("Sorry, something went wrong on my side. Please ask again in a moment, or type \"Talk to a person\".", reply["text"]!.GetValue<string>());
        Assert.Single(states.Deleted);
        Assert.Equal(states.Set.Single(), states.Deleted.Single());
        Assert.Single(host.Logs.Lines, l => l.Level == LogLevel.Error && l.Exception is InvalidOperationException { Message: "disk full" });
        BotHost.DeleteData(host.DataFolder);
    }

    private sealed class FailingQuestionLog : IQuestionLog
    {
        public Task RecordAsync(QuestionRecord question, CancellationToken cancellationToken) => throw new InvalidOperationException("disk full");

        public Task<IReadOnlyList<QuestionRecord>> RecentAsync(int count, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<QuestionRecord>>([]);

        public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class RecordingStateStore : IConversationStateStore
    {
        public List<string> Set { get; } = [];

        public List<string> Deleted { get; } = [];

        public Task<ConversationState?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult<ConversationState?>(null);

        public Task SetAsync(string key, ConversationState state, CancellationToken cancellationToken)
        {
            Set.Add(key);
            return Task.CompletedTask;
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            Deleted.Add(key);
            return Task.CompletedTask;
        }
    }
}
