using Microsoft.Extensions.Options;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

public sealed class SqliteSupportStoreTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2024, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "supportbot-store-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Feedback_SecondClickOnTheSameAnswer_Replaces()
    {
        using var store = Create();

        await store.RecordAsync(new FeedbackRecord("a1", "free-offer", "free offer?", true, "webchat", Noon), default);
        await store.RecordAsync(new FeedbackRecord("a2", null, "weather?", false, "msteams", Noon.AddMinutes(1)), default);
        await store.RecordAsync(new FeedbackRecord("a1", "free-offer", "free offer?", false, "webchat", Noon.AddMinutes(2)), default);

        var recent = await ((IFeedbackStore)store).RecentAsync(10, default);
        Assert.Equal(
            [new FeedbackRecord("a1", "free-offer", "free offer?", false, "webchat", Noon.AddMinutes(2)), new FeedbackRecord("a2", null, "weather?", false, "msteams", Noon.AddMinutes(1))],
            recent);
    }

    [Fact]
    public async Task QuestionLog_MostRecentFirst_LongQuestionsCapped()
    {
        using var store = Create(new StorageOptions { MaxStoredQuestionLength = 10 });

        await store.RecordAsync(new QuestionRecord("a1", "when did updates stop", "faq", 0.93, "updates-stopped", "webchat", Noon), default);
        await store.RecordAsync(new QuestionRecord("a2", "hi", "smalltalk", 1, null, "api", Noon.AddSeconds(1)), default);

        var recent = await ((IQuestionLog)store).RecentAsync(10, default);
        Assert.Equal(
            [new QuestionRecord("a2", "hi", "smalltalk", 1, null, "api", Noon.AddSeconds(1)), new QuestionRecord("a1", "when did u", "faq", 0.93, "updates-stopped", "webchat", Noon)],
            recent);
    }

    [Fact]
    public async Task DeleteOlderThan_QuestionsAndFeedback_OnlyTheOlderOnesDeletedAndCounted()
    {
        using var store = Create();
        await store.RecordAsync(new QuestionRecord("q-old", "old", "faq", 0.9, null, "webchat", Noon.AddDays(-31)), default);
        await store.RecordAsync(new QuestionRecord("q-new", "new", "faq", 0.9, null, "webchat", Noon.AddDays(-29)), default);
        await store.RecordAsync(new FeedbackRecord("f-old", null, "old", true, "webchat", Noon.AddDays(-31)), default);
        await store.RecordAsync(new FeedbackRecord("f-edge", null, "edge", true, "webchat", Noon.AddDays(-30)), default);
        await store.RecordAsync(new FeedbackRecord("f-new", null, "new", false, "webchat", Noon.AddDays(-1)), default);

        var questions = await ((IQuestionLog)store).DeleteOlderThanAsync(Noon.AddDays(-30), default);
        var feedback = await ((IFeedbackStore)store).DeleteOlderThanAsync(Noon.AddDays(-30), default);

        Assert.Equal((1, 1), (questions, feedback));
        Assert.Equal(["q-new"], (await ((IQuestionLog)store).RecentAsync(10, default)).Select(q => q.AnswerId));
        Assert.Equal(["f-new", "f-edge"], (await ((IFeedbackStore)store).RecentAsync(10, default)).Select(f => f.AnswerId));
    }

    [Fact]
    public async Task ConversationState_SetGetReplaceDelete()
    {
        using var store = Create();
        var state = new ConversationState
        {
            LastAnswer = new LastAnswer("a1", "colour?", "clarify", null),
            Candidates = [new OfferedQuestion("case", "Case colour?"), new OfferedQuestion("lid", "Lid colour?")],
            UpdatedAt = Noon,
        };

        Assert.Null(await store.GetAsync("k", default));
        await store.SetAsync("k", state, default);
        var read = await store.GetAsync("k", default);
        Assert.Equal(state.LastAnswer, read!.LastAnswer);
        Assert.Equal(state.Candidates, read.Candidates);
        Assert.Equal(Noon, read.UpdatedAt);

        await store.SetAsync("k", state with { Candidates = [] }, default);
        Assert.Empty((await store.GetAsync("k", default))!.Candidates);

        await store.DeleteAsync("k", default);
        Assert.Null(await store.GetAsync("k", default));
    }

    [Fact]
    public void Initialize_PathIsAFolder_FailsNamingTheKey()
    {
        Directory.CreateDirectory(_folder);
        using var store = new SqliteSupportStore(Options.Create(new StorageOptions { DatabasePath = _folder }));

        var error = Assert.Throws<InvalidOperationException>(store.Initialize);

        Assert.StartsWith("Storage:DatabasePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemory_OverCapacity_DropsTheLeastRecentlyUpdated()
    {
        var store = new InMemoryConversationStateStore(Options.Create(new StorageOptions { MaxInMemoryConversations = 10 }));
        for (var i = 0; i < 11; i++)
        {
            await store.SetAsync($"k{i}", new ConversationState { UpdatedAt = Noon.AddMinutes(i) }, default);
        }

        Assert.Null(await store.GetAsync("k0", default));
        Assert.NotNull(await store.GetAsync("k10", default));
    }

    [Theory]
    [InlineData("", "InMemory", "Storage:DatabasePath")]
    [InlineData("x.db", "Redis", "Storage:ConversationState")]
    public void Validator_BadOptions_NameTheKey(string path, string kind, string key)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { DatabasePath = path, ConversationState = kind });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    private SqliteSupportStore Create(StorageOptions? options = null)
    {
        options ??= new StorageOptions();
        options.DatabasePath = Path.Combine(_folder, "sub", "test.db");
        var store = new SqliteSupportStore(Options.Create(options));
        store.Initialize();
        return store;
    }
}
