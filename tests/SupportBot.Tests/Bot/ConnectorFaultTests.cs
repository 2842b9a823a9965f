using System.Net;
using System.Text;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Bot;

/// <summary>
/// The real host replying to a channel in trouble (the fake channel answering 500, 429 with Retry-After, or not
/// at all): the bot retries within its bounds, gives up cleanly, keeps serving, and the next turn works.
/// </summary>
public sealed class ConnectorFaultTests : IClassFixture<ConnectorFaultTests.FaultyChannelFixture>
{
    private const string Question = "when did kaspersky updates stop?";
    private const int MaxRetryAttempts = 2;
    private readonly FakeChannel _channel;
    private readonly BotHost _host;
    private readonly int _logMark;

    public ConnectorFaultTests(FaultyChannelFixture fixture)
    {
        _channel = fixture.Channel;
        _host = fixture.Host;
        _channel.Heal();
        _channel.Clear();
        _logMark = _host.Logs.Lines.Count;
    }

    /// <summary>What the host logged during this test (the host is shared by the class).</summary>
    private IEnumerable<LogLine> Logs => _host.Logs.Lines.Skip(_logMark);

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Turn_ChannelFailsWithServerError_RetriedWithinBoundsThenGivenUpAndNextTurnWorks(int status)
    {
        _channel.Fail(new ChannelFault(status));

        using var response = await _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The first reply (typing) tried 1 + MaxRetryAttempts times, then the turn ended: no answer attempted
        // after it, and no apology sent down the same failing road.
        var attempts = _channel.Requests;
        Assert.Equal(1 + MaxRetryAttempts, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("typing", a.Type));
        AssertGaveUpCleanly(status, 1 + MaxRetryAttempts);
        await AssertNextTurnAnsweredAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3600)]
    public async Task Turn_ChannelThrottlesWithRetryAfter_WaitsAsToldCappedThenGivesUpAndNextTurnWorks(int retryAfterSeconds)
    {
        _channel.Fail(new ChannelFault(429, retryAfterSeconds));

        using var response = await _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, Question));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var attempts = _channel.Requests;
        Assert.Equal(1 + MaxRetryAttempts, attempts.Count);
        // Honoured (never sooner than asked, up to the 1 s cap), and capped (an hour became MaxDelay).
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(30)));
        AssertGaveUpCleanly(429, 1 + MaxRetryAttempts);
        await AssertNextTurnAnsweredAsync();
    }

    [Fact]
    public async Task Turn_ChannelHangs_EachAttemptTimesOutThenGivenUpWhileTheHostKeepsServing()
    {
        _channel.Fail(ChannelFault.Hanging);

        var turn = _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, Question));
        await WaitUntilAsync(() => _channel.Requests.Count >= 1);
        // While the turn waits on the channel, everyone else is still served.
        using (var ask = await _host.Http.PostAsync("/api/ask", new StringContent("""{"question":"what was the free offer?"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        using var response = await turn;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1 + MaxRetryAttempts, _channel.Requests.Count);
        Assert.Contains(Logs, l => l.EventId == 1102 && l.Message.Contains($"after {1 + MaxRetryAttempts} attempt(s)", StringComparison.Ordinal));
        AssertGaveUpCleanly(null, 1 + MaxRetryAttempts);
        await AssertNextTurnAnsweredAsync();
    }

    private void AssertGaveUpCleanly(int? status, int attempts)
    {
        var gaveUp = Assert.Single(Logs, l => l.EventId == 1206);
        if (status is not null)
        {
            Assert.Contains($"status {status},", gaveUp.Message, StringComparison.Ordinal);
        }

        Assert.Contains($"{attempts} attempt(s)", gaveUp.Message, StringComparison.Ordinal);
        // Handled in one place: no generic turn failure, no failed request, no unhandled exception.
        Assert.DoesNotContain(Logs, l => l.EventId is 1202 or 1203 or 1205);
        Assert.DoesNotContain(Logs, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level >= LogLevel.Error);
    }

    private async Task AssertNextTurnAnsweredAsync()
    {
        _channel.Heal();
        _channel.Clear();

        using var response = await _host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, Question, id: "Gx1dd3ab|0000003"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["typing", "message"], _channel.Requests.Select(r => r.Type));
        Assert.Contains("September 29, 2024", Assert.Single(_channel.Messages).Text, StringComparison.Ordinal);
        using var ready = await _host.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>A host with tight, test-sized Connector bounds, and its channel, cleared before each test.</summary>
    public sealed class FaultyChannelFixture : IAsyncLifetime
    {
        internal FakeChannel Channel { get; private set; } = null!;

        internal BotHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Channel = await FakeChannel.StartAsync();
            Host = await BotHost.StartAsync(new Dictionary<string, string?>
            {
                ["BotFramework:Connector:MaxRetryAttempts"] = MaxRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["BotFramework:Connector:BaseDelay"] = "00:00:00.050",
                ["BotFramework:Connector:MaxDelay"] = "00:00:01",
                ["BotFramework:Connector:AttemptTimeout"] = "00:00:01",
                ["BotFramework:Connector:TotalTimeout"] = "00:00:10",
            });
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Channel.DisposeAsync();
            BotHost.DeleteData(Host.DataFolder);
        }
    }
}
