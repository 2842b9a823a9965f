using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Authentication;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.Connector;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string TeamsConversationId = "19:d4abc@thread.tacv2;messageid=1727773201234";
    private const string EncodedTeamsConversationId = "19%3Ad4abc%40thread.tacv2%3Bmessageid%3D1727773201234";
    private FakeConnectorService _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnectorService.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Theory]
    [InlineData("/amer/")]
    [InlineData("/amer")]
    public async Task ReplyToActivityAsync_TeamsIds_PostsToPercentEncodedRoute(string servicePath)
    {
        var client = CreateFactory().Create(_connector.BaseUrl + servicePath);

        var response = await client.ReplyToActivityAsync(TeamsConversationId, "1727773201234", Reply("hello"));

        var request = Assert.Single(_connector.Snapshot());
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/amer/v3/conversations/{EncodedTeamsConversationId}/activities/1727773201234", request.RawTarget);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("hello", request.Json!["text"]!.GetValue<string>());
        Assert.Equal("sent-1", response!.Id);
    }

    [Fact]
    public async Task SendToConversationAsync_PostsToActivitiesRoute()
    {
        var client = CreateFactory().Create(_connector.BaseUrl + "/");

        await client.SendToConversationAsync("a:1 b/c", Reply("hi"));

        Assert.Equal("/v3/conversations/a%3A1%20b%2Fc/activities", Assert.Single(_connector.Snapshot()).RawTarget);
    }

    [Fact]
    public async Task UpdateAndDeleteActivityAsync_UsePutAndDeleteOnActivityRoute()
    {
        var client = CreateFactory().Create(_connector.BaseUrl);

        await client.UpdateActivityAsync("conv", "act|1", Reply("edited"));
        await client.DeleteActivityAsync("conv", "act|1");

        var requests = _connector.Snapshot();
        Assert.Equal(("PUT", "/v3/conversations/conv/activities/act%7C1"), (requests[0].Method, requests[0].RawTarget));
        Assert.Equal(("DELETE", "/v3/conversations/conv/activities/act%7C1"), (requests[1].Method, requests[1].RawTarget));
        Assert.Equal("", requests[1].Body);
    }

    [Fact]
    public async Task ReplyToActivityAsync_TokenConfigured_SendsBearer()
    {
        var client = CreateFactory(token: "bot-token").Create(_connector.BaseUrl);

        await client.ReplyToActivityAsync("conv", "1", Reply("hi"));

        Assert.Equal("Bearer bot-token", Assert.Single(_connector.Snapshot()).Authorization);
    }

    [Fact]
    public async Task ReplyToActivityAsync_Anonymous_SendsNoAuthorization()
    {
        var client = CreateFactory(token: null).Create(_connector.BaseUrl);

        await client.ReplyToActivityAsync("conv", "1", Reply("hi"));

        Assert.Null(Assert.Single(_connector.Snapshot()).Authorization);
    }

    [Fact]
    public async Task ReplyToActivityAsync_TokenOverPlainHttpToRemoteHost_Refused()
    {
        var client = CreateFactory(token: "bot-token").Create("http://connector.example.test/");

        await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));
    }

    [Fact]
    public async Task ReplyToActivityAsync_Throttled_WaitsRetryAfterThenSucceeds()
    {
        _connector.Enqueue(429, """{"error":{"code":"Throttled","message":"slow down"}}""", headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
        var client = CreateFactory(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Create(_connector.BaseUrl);

        var stopwatch = Stopwatch.StartNew();
        var response = await client.ReplyToActivityAsync("conv", "1", Reply("hi"));
        stopwatch.Stop();

        Assert.Equal(2, _connector.Snapshot().Count);
        Assert.NotNull(response?.Id);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(504)]
    [InlineData(500)]
    [InlineData(412)]
    public async Task ReplyToActivityAsync_TransientStatus_Retried(int status)
    {
        _connector.Enqueue(status);
        var client = CreateFactory().Create(_connector.BaseUrl);

        await client.ReplyToActivityAsync("conv", "1", Reply("hi"));

        Assert.Equal(2, _connector.Snapshot().Count);
    }

    [Fact]
    public async Task ReplyToActivityAsync_StillUnavailableAfterRetries_ThrowsWithStatusAndError()
    {
        for (var i = 0; i < 5; i++)
        {
            _connector.Enqueue(503, """{"error":{"code":"ServiceUnavailable","message":"down"}}""", headers: new Dictionary<string, string> { ["X-Correlating-OperationId"] = "op-42" });
        }

        var client = CreateFactory(o => o.MaxRetryAttempts = 2).Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        Assert.Equal(3, _connector.Snapshot().Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
        Assert.Equal("ServiceUnavailable", exception.Error?.Error?.Code);
        Assert.Equal("op-42", exception.CorrelationId);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ZeroRetriesConfigured_FailsAfterOneAttempt()
    {
        _connector.Enqueue(503, """{"error":{"code":"ServiceUnavailable","message":"down"}}""");
        var client = CreateFactory(o => o.MaxRetryAttempts = 0).Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        Assert.Single(_connector.Snapshot());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, exception.StatusCode);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task ReplyToActivityAsync_PermanentStatus_NotRetried(int status)
    {
        _connector.Enqueue(status, """{"error":{"code":"MessageSizeTooBig","message":"too big"}}""");
        var client = CreateFactory().Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        Assert.Single(_connector.Snapshot());
        Assert.Equal((HttpStatusCode)status, exception.StatusCode);
        Assert.Equal("MessageSizeTooBig", exception.Error?.Error?.Code);
    }

    [Fact]
    public async Task ReplyToActivityAsync_AttemptTimesOut_Retried()
    {
        _connector.Enqueue(200, """{"id":"slow"}""", delay: TimeSpan.FromSeconds(5));
        var client = CreateFactory(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300)).Create(_connector.BaseUrl);

        var response = await client.ReplyToActivityAsync("conv", "1", Reply("hi"));

        Assert.Equal(2, _connector.Snapshot().Count);
        Assert.Equal("sent-1", response?.Id);
    }

    [Fact]
    public async Task ReplyToActivityAsync_EveryAttemptTimesOut_ThrowsWithoutStatus()
    {
        for (var i = 0; i < 3; i++)
        {
            _connector.Enqueue(200, delay: TimeSpan.FromSeconds(5));
        }

        var client = CreateFactory(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 1;
        }).Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        Assert.Null(exception.StatusCode);
        Assert.Equal(2, _connector.Snapshot().Count);
    }

    [Fact]
    public async Task ReplyToActivityAsync_StillUnavailableAfterRetries_ExceptionCountsTheAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            _connector.Enqueue(500);
        }

        var client = CreateFactory(o => o.MaxRetryAttempts = 3).Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        Assert.Equal(4, _connector.Snapshot().Count);
        Assert.Equal(4, exception.Attempts);
        Assert.Contains("after 4 attempt(s)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyToActivityAsync_RetryAfterBeyondTheBudget_GivesUpAtOnceWithTheChannelsAnswer()
    {
        _connector.Enqueue(429, """{"error":{"code":"Throttled","message":"come back in a minute"}}""", headers: new Dictionary<string, string> { ["Retry-After"] = "60" });
        var client = CreateFactory(o =>
        {
            o.MaxRetryAttempts = 5;
            o.MaxDelay = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromSeconds(5);
        }).Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        // Waiting would only have let the 5 s budget run out and fail with no status at all.
        Assert.Single(_connector.Snapshot());
        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal("Throttled", exception.Error?.Error?.Code);
        Assert.Equal(1, exception.Attempts);
    }

    [Fact]
    public async Task ReplyToActivityAsync_ChannelHangsOnEveryAttempt_BudgetEndsTheRetriesEarly()
    {
        for (var i = 0; i < 12; i++)
        {
            _connector.Enqueue(200, delay: TimeSpan.FromSeconds(30));
        }

        var budget = TimeSpan.FromMilliseconds(1500);
        var client = CreateFactory(o =>
        {
            o.MaxRetryAttempts = 10;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TotalTimeout = budget;
        }).Create(_connector.BaseUrl);

        var exception = await Assert.ThrowsAsync<ConnectorException>(() => client.ReplyToActivityAsync("conv", "1", Reply("hi")));

        // The call's budget, not the last attempt's timeout, ended it: 1.5 s holds at most five 300 ms attempts,
        // far fewer than the 11 allowed (how many exactly depends on how busy the machine is).
        Assert.Null(exception.StatusCode);
        Assert.Equal(budget, Assert.IsType<Polly.Timeout.TimeoutRejectedException>(exception.InnerException).Timeout);
        Assert.InRange(exception.Attempts, 1, 6);
        Assert.InRange(_connector.Snapshot().Count, 1, exception.Attempts);
    }

    [Fact]
    public void RetryAfter_HttpDate_ConvertedWithInjectedClockAndCapped()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        using var soon = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        soon.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(3));
        using var late = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        late.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromSeconds(3), ConnectorResilience.RetryAfter(soon, TimeSpan.FromSeconds(20), new ManualTimeProvider(now)));
        Assert.Equal(TimeSpan.FromSeconds(20), ConnectorResilience.RetryAfter(late, TimeSpan.FromSeconds(20), new ManualTimeProvider(now)));
        Assert.Null(ConnectorResilience.RetryAfter(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(20), new ManualTimeProvider(now)));
    }

    private static Activity Reply(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static ConnectorClientFactory CreateFactory(Action<ConnectorClientOptions>? configure = null, string? token = null, params IInProcessConnector[] inProcess)
    {
        var options = new ConnectorClientOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromSeconds(2) };
        configure?.Invoke(options);
        return new ConnectorClientFactory(
            new TestHttpClientFactory(),
            new StaticTokenProvider(token),
            inProcess,
            Options.Create(options),
            TimeProvider.System,
            NullLogger<ConnectorClient>.Instance);
    }
}
