using System.Text.Json.Nodes;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.Storage;

/// <summary>
/// What every <see cref="IDirectLineStore"/> and <see cref="IDirectLineRevocations"/> must do, run against the
/// in-memory ones and Redis; and what only a shared store can do: wake a stream on another replica.
/// </summary>
public sealed class DirectLineStoreContractTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Providers => ["memory", "redis"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_AssignsIdsWithSevenDigitSequences_AndReadsAfterAWatermark(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        var store = host.DirectLine;
        await store.CreateAsync("c1", default);

        var activity = Message("a");
        var first = await store.AppendAsync("c1", activity, default);
        var second = await store.AppendAsync("c1", Message("b"), default);
        await store.AppendAsync("c1", Message("c"), default);
        var afterOne = await store.ReadAsync("c1", 1, 100, default);
        var capped = await store.ReadAsync("c1", 0, 2, default);
        var none = await store.ReadAsync("c1", long.MaxValue, 0, default);

        Assert.Equal(("c1|0000001", 1L, "message"), (first!.Id, first.Sequence, first.Type));
        Assert.Equal("c1|0000001", activity.Id);
        Assert.Equal("c1|0000002", second!.Id);
        Assert.Equal("c1|0000002", JsonNode.Parse(second.Json)!["id"]!.GetValue<string>());
        Assert.Equal(["b", "c"], afterOne!.Activities.Select(Text));
        Assert.Equal(["c1|0000002", "c1|0000003"], afterOne.Activities.Select(a => a.Id));
        Assert.Equal([2L, 3L], afterOne.Activities.Select(a => a.Sequence));
        Assert.Equal(3, afterOne.Latest);
        Assert.Equal(["a", "b"], capped!.Activities.Select(Text));
        Assert.Empty(none!.Activities);
        Assert.Equal(3, none.Latest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_TextThatLooksLikeTheIdPlaceholder_StoredVerbatim(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        await host.DirectLine.CreateAsync("c1", default);
        const string Tricky = "\"id\":\"c1|#######\" and\nnewlines, \"quotes\", émoji 🙂";
        var activity = Message(Tricky);
        activity.ChannelData = System.Text.Json.JsonDocument.Parse("""{"id":"c1|#######"}""").RootElement.Clone();

        var stored = await host.DirectLine.AppendAsync("c1", activity, default);
        var read = Assert.Single((await host.DirectLine.ReadAsync("c1", 0, 10, default))!.Activities);

        Assert.Equal(stored, read);
        var json = JsonNode.Parse(read.Json)!;
        Assert.Equal(("c1|0000001", Tricky, "c1|#######"), (json["id"]!.GetValue<string>(), json["text"]!.GetValue<string>(), json["channelData"]!["id"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnknownConversation_NullAndFalse(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        var store = host.DirectLine;

        Assert.Null(await store.AppendAsync("nope", Message("a"), default));
        Assert.Null(await store.ReadAsync("nope", 0, 10, default));
        Assert.False(await store.TouchAsync("nope", default));
        Assert.False(await store.WaitForActivityAsync("nope", 0, default));
        Assert.False(await store.RemoveAsync("nope", default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_Twice_FalseTheSecondTime(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);

        Assert.True(await host.DirectLine.CreateAsync("c1", default));
        Assert.False(await host.DirectLine.CreateAsync("c1", default));
        Assert.True(await host.DirectLine.TouchAsync("c1", default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transcript_OverTheByteLimit_OldestDroppedWatermarksKeepRising(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server, settings: new Dictionary<string, string?> { ["DirectLine:MaxTranscriptBytes"] = "2000", ["DirectLine:MaxActivityBytes"] = "1024" });
        var store = host.DirectLine;
        await store.CreateAsync("c1", default);

        for (var i = 1; i <= 30; i++)
        {
            await store.AppendAsync("c1", Message($"message {i} {new string('x', 100)}"), default);
        }

        var page = await store.ReadAsync("c1", 0, 100, default);
        Assert.Equal(30, page!.Latest);
        Assert.InRange(page.Activities.Count, 2, 15);
        Assert.Equal(30, page.Activities[^1].Sequence);
        Assert.Equal(Enumerable.Range(31 - page.Activities.Count, page.Activities.Count).Select(i => $"message {i} "), page.Activities.Select(a => Text(a)[..(a.Sequence < 10 ? 10 : 11)]));
        Assert.True(page.Activities.Sum(a => a.Json.Length) <= 2_000);
        Assert.Equal([30L], (await store.ReadAsync("c1", 29, 100, default))!.Activities.Select(a => a.Sequence));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Transcript_OneActivityLargerThanTheLimit_StillKept(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server, settings: new Dictionary<string, string?> { ["DirectLine:MaxTranscriptBytes"] = "1024", ["DirectLine:MaxActivityBytes"] = "1024" });
        await host.DirectLine.CreateAsync("c1", default);

        await host.DirectLine.AppendAsync("c1", Message("small"), default);
        await host.DirectLine.AppendAsync("c1", Message(new string('x', 5_000)), default);

        var kept = Assert.Single((await host.DirectLine.ReadAsync("c1", 0, 10, default))!.Activities);
        Assert.Equal(2, kept.Sequence);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WaitForActivity_WakesOnAppend_AndOnRemoval(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        var store = host.DirectLine;
        await store.CreateAsync("c1", default);
        await store.AppendAsync("c1", Message("a"), default);

        Assert.True(await store.WaitForActivityAsync("c1", 0, default));
        var waiting = store.WaitForActivityAsync("c1", 1, default);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        await store.AppendAsync("c1", Message("b"), default);
        Assert.True(await waiting.WaitAsync(Wait));

        var ending = store.WaitForActivityAsync("c1", 2, default);
        await Task.Delay(200);
        Assert.True(await store.RemoveAsync("c1", default));
        await ending.WaitAsync(Wait);
        Assert.Null(await store.ReadAsync("c1", 0, 10, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WaitForActivity_Cancelled_Throws(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        await host.DirectLine.CreateAsync("c1", default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.DirectLine.WaitForActivityAsync("c1", 0, cancel.Token));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Append_Concurrently_EverySequenceOnceInOrder(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        await host.DirectLine.CreateAsync("c1", default);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => host.DirectLine.AppendAsync("c1", Message($"m{i}"), default))));

        var page = await host.DirectLine.ReadAsync("c1", 0, 1_000, default);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), page!.Activities.Select(a => a.Sequence));
        Assert.Equal(200, page.Activities.Select(Text).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Revocations_TokenFromItsEffectiveTime_ConversationAtOnce(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        var revocations = host.Revocations;
        var now = TimeProvider.System.GetUtcNow();

        await revocations.RevokeTokenAsync("jti-now", now, now.AddMinutes(30), default);
        await revocations.RevokeTokenAsync("jti-later", now.AddMinutes(1), now.AddMinutes(30), default);
        await revocations.RevokeConversationAsync("ended", now.AddMinutes(30), default);

        Assert.True(await revocations.IsRevokedAsync("jti-now", "c1", default));
        Assert.False(await revocations.IsRevokedAsync("jti-later", "c1", default));
        Assert.False(await revocations.IsRevokedAsync("jti-other", "c1", default));
        Assert.False(await revocations.IsRevokedAsync(null, "c1", default));
        Assert.True(await revocations.IsRevokedAsync("jti-other", "ended", default));
        Assert.True(await revocations.IsRevokedAsync(null, "ended", default));
    }

    [Fact]
    public async Task Redis_TwoReplicas_AppendOnOneWakesTheStreamWaitingOnTheOther()
    {
        var prefix = StoreHost.NewPrefix();
        await using var a = StoreHost.Create("redis", redis.Server, prefix);
        await using var b = StoreHost.Create("redis", redis.Server, prefix);
        await a.DirectLine.CreateAsync("c1", default);

        var waitingOnA = a.DirectLine.WaitForActivityAsync("c1", 0, default);
        await Task.Delay(300);
        Assert.False(waitingOnA.IsCompleted);
        var appended = await b.DirectLine.AppendAsync("c1", Message("from b"), default);

        Assert.True(await waitingOnA.WaitAsync(Wait));
        Assert.Equal(appended, Assert.Single((await a.DirectLine.ReadAsync("c1", 0, 10, default))!.Activities));
    }

    [Fact]
    public async Task Redis_TwoReplicas_RevokedOnOneRefusedOnTheOther()
    {
        var prefix = StoreHost.NewPrefix();
        await using var a = StoreHost.Create("redis", redis.Server, prefix);
        await using var b = StoreHost.Create("redis", redis.Server, prefix);
        var now = TimeProvider.System.GetUtcNow();

        await a.Revocations.RevokeTokenAsync("jti-1", now, now.AddMinutes(30), default);

        Assert.True(await b.Revocations.IsRevokedAsync("jti-1", "c1", default));
    }

    [Fact]
    public async Task Redis_IdlePastTheTimeout_Expires()
    {
        await using var host = StoreHost.Create("redis", redis.Server);
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DirectLineOptions>>().Value;
        options.ConversationIdleTimeout = TimeSpan.FromMilliseconds(300);
        await host.DirectLine.CreateAsync("c1", default);
        await host.DirectLine.AppendAsync("c1", Message("a"), default);

        await Task.Delay(1_000);

        Assert.Null(await host.DirectLine.ReadAsync("c1", 0, 10, default));
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static string Text(StoredActivity activity) => JsonNode.Parse(activity.Json)!["text"]!.GetValue<string>();
}
