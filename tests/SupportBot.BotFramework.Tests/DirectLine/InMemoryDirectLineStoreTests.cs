using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>The in-memory store: ids, watermarks, and the three bounds on memory (idle time, count, transcript size).</summary>
public sealed class InMemoryDirectLineStoreTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2024, 10, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Append_AssignsIdsWithSevenDigitSequences_AndReadsAfterAWatermark()
    {
        var store = Store();
        await store.CreateAsync("c1", default);

        var first = await store.AppendAsync("c1", Message("a"), default);
        var second = await store.AppendAsync("c1", Message("b"), default);
        await store.AppendAsync("c1", Message("c"), default);
        var afterOne = await store.ReadAsync("c1", 1, 100, default);
        var capped = await store.ReadAsync("c1", 0, 2, default);

        Assert.Equal(("c1|0000001", 1L), (first!.Id, first.Sequence));
        Assert.Equal("c1|0000002", second!.Id);
        Assert.Equal("c1|0000002", JsonNode.Parse(second.Json)!["id"]!.GetValue<string>());
        Assert.Equal(["b", "c"], afterOne!.Activities.Select(Text));
        Assert.Equal(3, afterOne.Latest);
        Assert.Equal(["a", "b"], capped!.Activities.Select(Text));
    }

    [Fact]
    public async Task UnknownConversation_NullAndFalse()
    {
        var store = Store();

        Assert.Null(await store.AppendAsync("nope", Message("a"), default));
        Assert.Null(await store.ReadAsync("nope", 0, 10, default));
        Assert.False(await store.TouchAsync("nope", default));
        Assert.False(await store.WaitForActivityAsync("nope", 0, default));
    }

    [Fact]
    public async Task Create_Twice_FalseTheSecondTime()
    {
        var store = Store();

        Assert.True(await store.CreateAsync("c1", default));
        Assert.False(await store.CreateAsync("c1", default));
    }

    [Fact]
    public async Task Transcript_OverTheByteLimit_OldestDroppedWatermarksKeepRising()
    {
        var store = Store(o => o.MaxTranscriptBytes = 2_000);
        await store.CreateAsync("c1", default);

        for (var i = 1; i <= 30; i++)
        {
            await store.AppendAsync("c1", Message($"message {i} {new string('x', 100)}"), default);
        }

        var page = await store.ReadAsync("c1", 0, 100, default);
        Assert.Equal(30, page!.Latest);
        Assert.InRange(page.Activities.Count, 2, 15);
        Assert.Equal(30, page.Activities[^1].Sequence);
        Assert.True(page.Activities.Sum(a => a.Json.Length) <= 2_000);
    }

    [Fact]
    public async Task Transcript_OneActivityLargerThanTheLimit_StillKept()
    {
        var store = Store(o => o.MaxTranscriptBytes = 1_024);
        await store.CreateAsync("c1", default);

        await store.AppendAsync("c1", Message(new string('x', 5_000)), default);

        Assert.Single((await store.ReadAsync("c1", 0, 10, default))!.Activities);
    }

    [Fact]
    public async Task Create_AtTheCap_LeastRecentlyUsedForgotten()
    {
        var store = Store(o => o.MaxConversations = 3);
        foreach (var id in new[] { "c1", "c2", "c3" })
        {
            await store.CreateAsync(id, default);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await store.TouchAsync("c1", default);
        _time.Advance(TimeSpan.FromSeconds(1));
        await store.CreateAsync("c4", default);

        Assert.Equal(3, store.Count);
        Assert.False(await store.TouchAsync("c2", default));
        Assert.True(await store.TouchAsync("c1", default));
        Assert.True(await store.TouchAsync("c4", default));
    }

    [Fact]
    public async Task RemoveIdle_OnlyConversationsIdlePastTheTimeout()
    {
        var store = Store();
        await store.CreateAsync("old", default);
        _time.Advance(TimeSpan.FromMinutes(40));
        await store.CreateAsync("recent", default);
        _time.Advance(TimeSpan.FromMinutes(21));

        var removed = await store.RemoveIdleAsync(default);

        Assert.Equal(1, removed);
        Assert.Equal(1, store.Count);
        Assert.True(await store.TouchAsync("recent", default));
    }

    [Fact]
    public async Task ManyConversations_MemoryStaysBoundedByTheCap()
    {
        var store = Store(o => o.MaxConversations = 100);

        for (var i = 0; i < 5_000; i++)
        {
            await store.CreateAsync($"c{i}", default);
            await store.AppendAsync($"c{i}", Message("hello"), default);
        }

        Assert.Equal(100, store.Count);
    }

    [Fact]
    public async Task WaitForActivity_WakesOnAppend_AndReturnsFalseWhenTheConversationGoes()
    {
        var store = Store();
        await store.CreateAsync("c1", default);
        await store.AppendAsync("c1", Message("a"), default);

        Assert.True(await store.WaitForActivityAsync("c1", 0, default));
        var waiting = store.WaitForActivityAsync("c1", 1, default);
        Assert.False(waiting.IsCompleted);
        await store.AppendAsync("c1", Message("b"), default);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));

        var gone = store.WaitForActivityAsync("c1", 2, default);
        _time.Advance(TimeSpan.FromHours(2));
        await store.RemoveIdleAsync(default);
        Assert.False(await gone.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Remove_WakesWaitersAndForgetsTheConversation()
    {
        var store = Store();
        await store.CreateAsync("c1", default);
        var waiting = store.WaitForActivityAsync("c1", 0, default);

        Assert.True(await store.RemoveAsync("c1", default));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await store.ReadAsync("c1", 0, 10, default));
        Assert.False(await store.RemoveAsync("c1", default));
    }

    [Fact]
    public async Task Append_Concurrently_EverySequenceOnce()
    {
        var store = Store();
        await store.CreateAsync("c1", default);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.AppendAsync("c1", Message($"m{i}"), default))));

        var page = await store.ReadAsync("c1", 0, 1_000, default);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), page!.Activities.Select(a => a.Sequence));
    }

    private InMemoryDirectLineStore Store(Action<DirectLineOptions>? configure = null)
    {
        var options = new DirectLineOptions();
        configure?.Invoke(options);
        return new InMemoryDirectLineStore(Options.Create(options), _time, NullLogger<InMemoryDirectLineStore>.Instance);
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static string Text(StoredActivity activity) => JsonNode.Parse(activity.Json)!["text"]!.GetValue<string>();
}
