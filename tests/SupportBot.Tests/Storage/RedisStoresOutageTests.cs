using SupportBot.BotFramework.DirectLine;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Storage;

/// <summary>
/// Each Redis store while the real redis-server is down, and again once it is back: what degrades (state reads,
/// given-up writes), what refuses with the store's own exception (reports, Direct Line), and that nothing
/// needs a new connection afterwards.
/// </summary>
public sealed class RedisStoresOutageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task RedisDown_ReadsDegradeOrRefuseWritesGiveUpCounted_ThenAllWorkAgain()
    {
        await using var host = StoreHost.Create("redis", _redis, settings: new Dictionary<string, string?> { ["Storage:WriteRetryAttempts"] = "2" });
        var state = new ConversationState { LastAnswer = new LastAnswer("a1", "q", "faq", null), UpdatedAt = Noon };
        await host.States.SetAsync("k", state, default);
        await host.DirectLine.CreateAsync("c1", default);

        await _redis.StopAsync();

        Assert.Null(await host.States.GetAsync("k", default));
        await host.States.SetAsync("k", state, default);
        await host.States.DeleteAsync("k", default);
        await host.Feedback.RecordAsync(new FeedbackRecord("a1", null, "q", true, "api", Noon), default);
        await host.Questions.RecordAsync(new QuestionRecord("a1", "q", "faq", 1, null, "api", Noon), default);
        await Assert.ThrowsAsync<StorageUnavailableException>(() => host.Feedback.RecentAsync(10, default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => host.Feedback.SummarizeAsync(default));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => host.Questions.RecentAsync(10, default));
        await Assert.ThrowsAsync<DirectLineStoreUnavailableException>(() => host.DirectLine.AppendAsync("c1", new() { Type = "message" }, default));
        await Assert.ThrowsAsync<DirectLineStoreUnavailableException>(() => host.DirectLine.WaitForActivityAsync("c1", 0, default));
        await Assert.ThrowsAsync<DirectLineStoreUnavailableException>(() => host.Revocations.IsRevokedAsync("jti", "c1", default));

        var failures = host.Services.GetRequiredService<StorageFailures>();
        Assert.Equal(4, failures.Writes);
        Assert.True(failures.Reads >= 7, $"{failures.Reads} failed reads");
        Assert.Equal(4, host.Logs.Lines.Count(l => l is { EventId: 3115, Level: LogLevel.Error } && l.Message.Contains("after 3 attempts", StringComparison.Ordinal)));
        Assert.Equal(8, host.Logs.Lines.Count(l => l.EventId == 3114));
        Assert.Contains(host.Logs.Lines, l => l is { EventId: 3113, Level: LogLevel.Warning } && l.Message.Contains("conversation state", StringComparison.Ordinal));

        await _redis.StartAgainAsync();
        await WaitUntilAsync(() => host.Services.GetRequiredService<SupportBot.Storage.Redis.RedisConnection>().IsConnected);

        await host.States.SetAsync("k", state, default);
        Assert.Equal("a1", (await host.States.GetAsync("k", default))!.LastAnswer!.AnswerId);
        await host.Feedback.RecordAsync(new FeedbackRecord("a2", null, "q", false, "api", Noon), default);
        Assert.Equal("a2", Assert.Single(await host.Feedback.RecentAsync(10, default)).AnswerId);
        Assert.True(await host.DirectLine.CreateAsync("c2", default));
        var waiting = host.DirectLine.WaitForActivityAsync("c2", 0, default);
        await Task.Delay(200);
        await using var other = StoreHost.Create("redis", _redis, host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.KeyPrefix);
        await other.DirectLine.AppendAsync("c2", new() { Type = "message", Text = "after the outage" }, default);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(4, failures.Writes);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
