using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Replicas;

/// <summary>
/// The real host on Redis while the real redis-server is stopped and started again: questions keep being
/// answered (the index is local), Direct Line (which lives in Redis) answers a clear 503, readiness says
/// Degraded with the reason, failed writes are logged and counted, and when Redis is back everything works again
/// (commands, the signing key, the pub/sub subscription that wakes streams) without restarting the host.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);
    private RedisServer _redis = null!;
    private FakeChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _channel = await FakeChannel.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisStopped_AnsweringContinuesDirectLine503HealthDegraded_ThenRecoversWithoutARestart()
    {
        await using var host = await StartHostAsync();
        await AssertChatWorksAsync(host);

        await _redis.StopAsync();

        using (var ask = await AskAsync(host))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
            Assert.Contains("September 29", await ask.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var message = await host.PostActivityAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "when did updates stop")))
        {
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);
            Assert.Contains("September 29", Assert.Single(_channel.Messages).Text, StringComparison.Ordinal);
        }

        // The page still gets a token (the signing key is held), but the conversation itself needs Redis.
        using (var token = await host.Http.PostAsync("/api/directline/token", null))
        {
            var page = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            start.Headers.Authorization = new("Bearer", page["token"]!.GetValue<string>());
            using var started = await host.Http.SendAsync(start);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, started.StatusCode);
            Assert.Equal("ServiceUnavailable", JsonNode.Parse(await started.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
            Assert.Equal("5", started.Headers.RetryAfter?.ToString());
        }

        using (var report = await host.Http.GetAsync("/api/feedback/summary"))
        {
            await Api.AgentsApiTests.AssertProblem(report, HttpStatusCode.ServiceUnavailable);
        }

        using (var healthz = await host.Http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        }

        var (status, storage) = await ReadinessAsync(host);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (status, storage["status"]!.GetValue<string>()));
        Assert.StartsWith("Redis cannot be reached: questions are still answered", storage["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(storage["data"]!["failedWrites"]!.GetValue<long>() >= 2, storage.ToJsonString());
        Assert.True(storage["data"]!["failedReads"]!.GetValue<long>() >= 1, storage.ToJsonString());
        var lines = host.Logs.Lines;
        Assert.Contains(lines, l => l is { EventId: 3111, Level: LogLevel.Warning });
        Assert.Contains(lines, l => l is { EventId: 3113, Level: LogLevel.Warning } && l.Message.Contains("conversation state", StringComparison.Ordinal));
        Assert.Contains(lines, l => l is { EventId: 3115, Level: LogLevel.Error } && l.Message.Contains("question log to Redis after 3 attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error && (l.Exception is not null || (l.Category.StartsWith("SupportBot", StringComparison.Ordinal) && l.EventId != 3115)));

        await _redis.StartAgainAsync();
        await WaitUntilStorageHealthyAsync(host);

        await AssertChatWorksAsync(host);
        using var recovered = await host.Http.GetAsync("/api/feedback/summary");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Contains(host.Logs.Lines, l => l.EventId == 3112);
    }

    [Fact]
    public async Task RedisDownAtStartUp_HostStartsAndAnswers_ChatWorksOnceRedisIsUp()
    {
        await _redis.StopAsync();
        await using var host = await StartHostAsync();

        using (var ask = await AskAsync(host))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        var (status, storage) = await ReadinessAsync(host);
        Assert.Equal((HttpStatusCode.OK, "Degraded"), (status, storage["status"]!.GetValue<string>()));

        // No signing key could be read yet: the page's token endpoint says so with a 503, not a 500.
        using (var token = await host.Http.PostAsync("/api/directline/token", null))
        {
            await Api.AgentsApiTests.AssertProblem(token, HttpStatusCode.ServiceUnavailable);
        }

        await _redis.StartAgainAsync();
        await WaitUntilStorageHealthyAsync(host);
        await AssertChatWorksAsync(host);
    }

    private Task<BotHost> StartHostAsync() => BotHost.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "redis",
        ["Storage:ConnectionString"] = _redis.ConnectionString,
        ["Storage:WriteRetryDelay"] = "00:00:00.020",

        // Longer than a stream read waits: only the restored pub/sub subscription can wake a stream in time.
        ["DirectLine:KeepAliveInterval"] = "00:01:00",
    });

    private static Task<HttpResponseMessage> AskAsync(BotHost host) =>
        host.Http.PostAsync("/api/ask", new StringContent("""{"question":"when did updates stop"}""", Encoding.UTF8, "application/json"));

    // A new conversation from the page's token, its stream open, a question answered on it.
    private static async Task AssertChatWorksAsync(BotHost host)
    {
        var (chat, streamUrl) = await DirectLineChat.StartAsync(host.BaseUrl);
        await using var stream = await ActivityStream.OpenAsync(streamUrl);
        await stream.ReadUntilAsync(a => a["from"]?["role"]?.GetValue<string>() == "bot", "the welcome");
        var asked = await chat.AskAsync(host.BaseUrl, "when did updates stop");
        var reply = await stream.ReadUntilAsync(a => a["replyToId"]?.GetValue<string>() == asked && a["type"]!.GetValue<string>() == "message", "the answer");
        Assert.Contains("September 29", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Storage)> ReadinessAsync(BotHost host)
    {
        using var response = await host.Http.GetAsync("/readyz");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, body["checks"]!["storage"]!);
    }

    private static async Task WaitUntilStorageHealthyAsync(BotHost host)
    {
        using var timeout = new CancellationTokenSource(RecoveryTimeout);
        while ((await ReadinessAsync(host)).Storage["status"]!.GetValue<string>() != "Healthy")
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
