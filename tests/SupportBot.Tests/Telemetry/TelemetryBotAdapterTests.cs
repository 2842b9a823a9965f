using System.Net;
using SupportBot.Telemetry;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Telemetry;

/// <summary>
/// The turn scope on the real host: every line a turn logs, whoever logs it (the bot, the Connector's HTTP
/// client, the adapter's error handler), carries the request's correlation id and the turn's ids.
/// </summary>
public sealed class TelemetryBotAdapterTests(LoggedHostFixture fixture) : IClassFixture<LoggedHostFixture>
{
    private readonly ScopedLogCapture _logs = fixture.Logs;
    private readonly FakeChannel _channel = fixture.Channel;
    private readonly BotHost _host = fixture.Host;

    [Fact]
    public async Task Turn_EveryLineItLogs_SameCorrelationTurnActivityAndConversationIds()
    {
        var inbound = Payloads.WebChatMessage(_channel.ServiceUrl, "when did kaspersky updates stop?", id: "Gx1dd3ab|0000042");

        using (var response = await PostWithCorrelationAsync(inbound, "turn-test-42"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("turn-test-42", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
        }

        var answered = Assert.Single(_logs.Lines, l => l.EventId == 3200 && l.Scope("CorrelationId").Contains("turn-test-42"));
        var turnId = Assert.Single(answered.Scope("TurnId"));
        Assert.Matches("^[0-9a-f]{16}$", turnId);
        var turn = _logs.Lines.Where(l => l.Scope("TurnId").Contains(turnId)).ToList();

        // The answer line, and the HTTP client's lines for the typing and the reply it sent to the channel.
        Assert.True(turn.Count >= 5, string.Join('\n', turn));
        Assert.Contains(turn, l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.All(turn, l =>
        {
            Assert.Equal(["turn-test-42"], l.Scope("CorrelationId"));
            Assert.Equal(["Gx1dd3ab|0000042"], l.Scope("ActivityId"));
            Assert.Equal([Payloads.WebChatConversation], l.Scope("ConversationId"));
            Assert.Equal(["directline"], l.Scope("ChannelId"));
        });

        // Nothing the request logged lacks the correlation id, inside the turn or around it.
        var request = _logs.Lines.Where(l => l.Scope("CorrelationId").Contains("turn-test-42")).ToList();
        Assert.True(request.Count > turn.Count);
        Assert.DoesNotContain(_logs.Lines, l => l.Scope("TurnId").Any() && !l.Scope("CorrelationId").Any());
    }

    [Fact]
    public async Task TwoTurns_DifferentTurnIds()
    {
        using (await PostWithCorrelationAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "hi", id: "Gx1dd3ab|0000050"), "two-turns-1"))
        {
        }

        using (await PostWithCorrelationAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "hi", id: "Gx1dd3ab|0000051"), "two-turns-2"))
        {
        }

        var turnIds = _logs.Lines
            .Where(l => l.EventId == 3200 && l.Scope("CorrelationId").Any(id => id!.StartsWith("two-turns-", StringComparison.Ordinal)))
            .Select(l => l.Scope("TurnId").Single())
            .ToList();
        Assert.Equal(2, turnIds.Distinct().Count());
    }

    [Fact]
    public async Task TurnFails_AdaptersErrorLineCarriesTheTurnScope()
    {
        await using var failing = await FailingChannel.StartAsync(StatusCodes.Status500InternalServerError);
        var inbound = Payloads.WebChatMessage(failing.ServiceUrl, "when did updates stop", id: "Gx1dd3ab|0000077");

        using (var response = await PostWithCorrelationAsync(inbound, "failing-turn-77"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // 1206: the turn ended because the channel is failing (no apology is sent down the same road).
        var failed = Assert.Single(_logs.Lines, l => l.EventId == 1206 && l.Scope("CorrelationId").Contains("failing-turn-77"));
        Assert.Equal(["failing-turn-77"], failed.Scope("CorrelationId"));
        Assert.Equal(["Gx1dd3ab|0000077"], failed.Scope("ActivityId"));
        Assert.Single(failed.Scope("TurnId"));
    }

    private async Task<HttpResponseMessage> PostWithCorrelationAsync(System.Text.Json.Nodes.JsonNode activity, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(CorrelationMiddleware.HeaderName, correlationId);
        return await _host.Http.SendAsync(request);
    }
}
