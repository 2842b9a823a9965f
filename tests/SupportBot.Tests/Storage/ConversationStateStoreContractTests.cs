using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

/// <summary>What every <see cref="IConversationStateStore"/> must do, run against memory, SQLite and Redis.</summary>
public sealed class ConversationStateStoreContractTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly DateTimeOffset Noon = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => ["memory", "sqlite", "redis"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SetGetReplaceDelete_RoundTripsEveryField(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        var states = host.States;
        var state = new ConversationState
        {
            LastAnswer = new LastAnswer("a1", "colour?", "clarify", null),
            Candidates = [new OfferedQuestion("case", "Case colour?"), new OfferedQuestion("lid", "Lid colour?")],
            UpdatedAt = Noon,
        };

        Assert.Null(await states.GetAsync("k", default));
        await states.SetAsync("k", state, default);
        var read = await states.GetAsync("k", default);
        Assert.Equal(state.LastAnswer, read!.LastAnswer);
        Assert.Equal(state.Candidates, read.Candidates);
        Assert.Equal(Noon, read.UpdatedAt);

        await states.SetAsync("k", state with { Candidates = [] }, default);
        Assert.Empty((await states.GetAsync("k", default))!.Candidates);
        Assert.Null(await states.GetAsync("other", default));

        await states.DeleteAsync("k", default);
        Assert.Null(await states.GetAsync("k", default));
    }

    [Fact]
    public async Task Redis_TwoReplicas_StateWrittenByOneIsReadByTheOther()
    {
        var prefix = StoreHost.NewPrefix();
        await using var a = StoreHost.Create("redis", redis.Server, prefix);
        await using var b = StoreHost.Create("redis", redis.Server, prefix);

        await a.States.SetAsync("k", new ConversationState { LastAnswer = new LastAnswer("a1", "q", "faq", "updates-stopped"), UpdatedAt = Noon }, default);

        Assert.Equal("a1", (await b.States.GetAsync("k", default))!.LastAnswer!.AnswerId);
    }
}
