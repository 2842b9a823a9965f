using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

/// <summary>What every <see cref="IFeedbackStore"/> and <see cref="IQuestionLog"/> must do, run against SQLite and Redis.</summary>
public sealed class FeedbackStoreContractTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly DateTimeOffset Noon = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => ["sqlite", "redis"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Feedback_SecondClickOnTheSameAnswer_ReplacesTheRecordAndItsCount(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        var store = host.Feedback;

        await store.RecordAsync(new FeedbackRecord("a1", "free-offer", "free offer?", true, "webchat", Noon), default);
        await store.RecordAsync(new FeedbackRecord("a2", null, "weather?", false, "msteams", Noon.AddMinutes(1)), default);
        await store.RecordAsync(new FeedbackRecord("a3", "free-offer", "is it free", true, "directline", Noon.AddMinutes(2)), default);
        await store.RecordAsync(new FeedbackRecord("a1", "free-offer", "free offer?", false, "webchat", Noon.AddMinutes(3)), default);

        Assert.Equal(
            [
                new FeedbackRecord("a1", "free-offer", "free offer?", false, "webchat", Noon.AddMinutes(3)),
                new FeedbackRecord("a3", "free-offer", "is it free", true, "directline", Noon.AddMinutes(2)),
                new FeedbackRecord("a2", null, "weather?", false, "msteams", Noon.AddMinutes(1)),
            ],
            await store.RecentAsync(10, default));
        Assert.Equal(2, (await store.RecentAsync(2, default)).Count);
        Assert.Empty(await store.RecentAsync(0, default));
        var summary = await store.SummarizeAsync(default);
        Assert.Equal((1, 2), (summary.Helpful, summary.NotHelpful));
        Assert.Equal([new DocumentFeedback("free-offer", 1, 1), new DocumentFeedback(null, 0, 1)], summary.Documents);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Feedback_NothingYet_EmptySummary(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);

        var summary = await host.Feedback.SummarizeAsync(default);

        Assert.Equal((0, 0), (summary.Helpful, summary.NotHelpful));
        Assert.Empty(summary.Documents);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task QuestionLog_MostRecentFirst_LongQuestionsCapped(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server, settings: new Dictionary<string, string?> { ["Storage:MaxStoredQuestionLength"] = "10" });
        var log = host.Questions;

        await log.RecordAsync(new QuestionRecord("a1", "when did updates stop", "faq", 0.93, "updates-stopped", "webchat", Noon), default);
        await log.RecordAsync(new QuestionRecord("a2", "hi", "smalltalk", 1, null, "api", Noon.AddSeconds(1)), default);

        Assert.Equal(
            [new QuestionRecord("a2", "hi", "smalltalk", 1, null, "api", Noon.AddSeconds(1)), new QuestionRecord("a1", "when did u", "faq", 0.93, "updates-stopped", "webchat", Noon)],
            await log.RecentAsync(10, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteOlderThan_QuestionsAndFeedback_OnlyTheOlderOnesDeletedAndCounted(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        await host.Questions.RecordAsync(new QuestionRecord("q-old", "old", "faq", 0.9, null, "webchat", Noon.AddDays(-31)), default);
        await host.Questions.RecordAsync(new QuestionRecord("q-new", "new", "faq", 0.9, null, "webchat", Noon.AddDays(-29)), default);
        await host.Feedback.RecordAsync(new FeedbackRecord("f-old", "free-offer", "old", true, "webchat", Noon.AddDays(-31)), default);
        await host.Feedback.RecordAsync(new FeedbackRecord("f-edge", "free-offer", "edge", true, "webchat", Noon.AddDays(-30)), default);
        await host.Feedback.RecordAsync(new FeedbackRecord("f-new", null, "new", false, "webchat", Noon.AddDays(-1)), default);

        var questions = await host.Questions.DeleteOlderThanAsync(Noon.AddDays(-30), default);
        var feedback = await host.Feedback.DeleteOlderThanAsync(Noon.AddDays(-30), default);

        Assert.Equal((1, 1), (questions, feedback));
        Assert.Equal(["q-new"], (await host.Questions.RecentAsync(10, default)).Select(q => q.AnswerId));
        Assert.Equal(["f-new", "f-edge"], (await host.Feedback.RecentAsync(10, default)).Select(f => f.AnswerId));
        Assert.Equal([new DocumentFeedback(null, 0, 1), new DocumentFeedback("free-offer", 1, 0)], (await host.Feedback.SummarizeAsync(default)).Documents);
        Assert.Equal((0, 0), (await host.Questions.DeleteOlderThanAsync(Noon.AddDays(-30), default), await host.Feedback.DeleteOlderThanAsync(Noon.AddDays(-30), default)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeleteOlderThan_ABacklogLongerThanOneBatch_AllOfItDeleted(string provider)
    {
        await using var host = StoreHost.Create(provider, redis.Server);
        for (var i = 0; i < 1_200; i++)
        {
            await host.Questions.RecordAsync(new QuestionRecord($"q{i}", "old", "faq", 0.9, null, "webchat", Noon.AddDays(-40).AddMinutes(i)), default);
            await host.Feedback.RecordAsync(new FeedbackRecord($"f{i}", "free-offer", "old", i % 2 == 0, "webchat", Noon.AddDays(-40).AddMinutes(i)), default);
        }

        await host.Questions.RecordAsync(new QuestionRecord("q-new", "new", "faq", 0.9, null, "webchat", Noon), default);

        Assert.Equal(1_200, await host.Questions.DeleteOlderThanAsync(Noon.AddDays(-30), default));
        Assert.Equal(1_200, await host.Feedback.DeleteOlderThanAsync(Noon.AddDays(-30), default));
        Assert.Equal(["q-new"], (await host.Questions.RecentAsync(10, default)).Select(q => q.AnswerId));
        Assert.Empty((await host.Feedback.SummarizeAsync(default)).Documents);
    }

    [Fact]
    public async Task Redis_QuestionLog_KeepsTheNewestUpToTheCap()
    {
        await using var host = StoreHost.Create("redis", redis.Server, settings: new Dictionary<string, string?> { ["Storage:MaxQuestionLogEntries"] = "3" });

        for (var i = 1; i <= 5; i++)
        {
            await host.Questions.RecordAsync(new QuestionRecord($"a{i}", $"q{i}", "faq", 1, null, "api", Noon.AddSeconds(i)), default);
        }

        Assert.Equal(["a5", "a4", "a3"], (await host.Questions.RecentAsync(10, default)).Select(q => q.AnswerId));
    }

    [Fact]
    public async Task Redis_TwoReplicas_FeedbackGivenOnOneIsInTheOthersSummary()
    {
        var prefix = StoreHost.NewPrefix();
        await using var a = StoreHost.Create("redis", redis.Server, prefix);
        await using var b = StoreHost.Create("redis", redis.Server, prefix);

        await b.Feedback.RecordAsync(new FeedbackRecord("a1", "updates-stopped", "when", true, "directline", Noon), default);

        Assert.Equal("a1", Assert.Single(await a.Feedback.RecentAsync(10, default)).AnswerId);
        Assert.Equal(new DocumentFeedback("updates-stopped", 1, 0), Assert.Single((await a.Feedback.SummarizeAsync(default)).Documents));
    }
}
