using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Privacy;

/// <summary>
/// The real host with SQLite for feedback, the question log and conversation state: questions carrying a card
/// number, an e-mail address and a phone number are answered from what the customer wrote, while everything
/// written to disk has them redacted.
/// </summary>
public sealed class RedactingStoresTests(RedactingStoresTests.HostFixture fixture) : IClassFixture<RedactingStoresTests.HostFixture>
{
    internal const string Card = "4111 1111 1111 1111";
    internal const string Email = "jane.doe@example.com";
    internal const string Phone = "(555) 123-4567";
    internal const string Question = $"when did kaspersky updates stop? my card {Card} was charged, mail {Email} or call {Phone}";
    internal const string Redacted = "when did kaspersky updates stop? my card [card] was charged, mail [email] or call [phone]";

    private readonly BotHost _host = fixture.Host;
    private readonly FakeChannel _channel = fixture.Channel;

    [Fact]
    public async Task AskApi_QuestionWithPersonalData_AnsweredFromTheOriginalLoggedRedacted()
    {
        using var response = await _host.Http.PostAsJsonAsync("/api/ask", new { question = Question });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Question, answer["question"]!.GetValue<string>());
        var logged = (await _host.Services.GetRequiredService<IQuestionLog>().RecentAsync(50, default)).First(q => q.Channel == "api");
        Assert.Equal(Redacted, logged.Question);
        Assert.Equal(answer["kind"]!.GetValue<string>(), logged.Kind);
        AssertNothingOnDisk();
    }

    [Fact]
    public async Task ChatQuestionThenFeedback_WithPersonalData_RepliedFromTheOriginalStoredRedacted()
    {
        _channel.Clear();
        using (var asked = await _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, Question)))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        // The reply goes back to the customer's own channel, built from the original question.
        var card = ReplyAssert.Card(Assert.Single(_channel.Messages).Json!);
        var yes = ReplyAssert.Actions(card, "Action.Submit").Single(a => a["data"]!["helpful"]!.GetValue<bool>())["data"]!;
        Assert.Equal(Question, yes["question"]!.GetValue<string>());
        var answerId = yes["answerId"]!.GetValue<string>();

        using (var clicked = await _host.PostActivityAsync(Payloads.WebChatSubmit(_channel.ServiceUrl, yes.DeepClone())))
        {
            Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        }

        var logged = (await _host.Services.GetRequiredService<IQuestionLog>().RecentAsync(50, default)).Single(q => q.AnswerId == answerId);
        Assert.Equal(Redacted, logged.Question);
        var feedback = (await _host.Services.GetRequiredService<IFeedbackStore>().RecentAsync(50, default)).Single(f => f.AnswerId == answerId);
        Assert.Equal((Redacted, true), (feedback.Question, feedback.Helpful));
        AssertNothingOnDisk();
    }

    [Fact]
    public async Task Feedback_FromAnOldCardWithPersonalData_StoredRedacted()
    {
        // No remembered answer for this id: the card's own copy of the question is what would be stored.
        var data = new JsonObject { ["action"] = "feedback", ["helpful"] = false, ["answerId"] = "0123456789abcdef0123456789abcdef", ["question"] = Question };

        using (var clicked = await _host.PostActivityAsync(Payloads.WebChatSubmit(_channel.ServiceUrl, data)))
        {
            Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        }

        var feedback = (await _host.Services.GetRequiredService<IFeedbackStore>().RecentAsync(50, default)).Single(f => f.AnswerId == "0123456789abcdef0123456789abcdef");
        Assert.Equal(Redacted, feedback.Question);
        AssertNothingOnDisk();
    }

    private void AssertNothingOnDisk()
    {
        foreach (var secret in new[] { Card, Card.Replace(" ", "", StringComparison.Ordinal), Email, "jane.doe", Phone, "123-4567" })
        {
            Assert.Empty(DataFolder.FilesContaining(_host.DataFolder, secret));
        }
    }

    public sealed class HostFixture : IAsyncLifetime
    {
        internal FakeChannel Channel { get; private set; } = null!;

        internal BotHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Channel = await FakeChannel.StartAsync();
            Host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite" });
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Channel.DisposeAsync();
            BotHost.DeleteData(Host.DataFolder);
        }
    }
}
