using Microsoft.Extensions.Options;
using SupportBot.Privacy;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Privacy;

/// <summary>The retention purge on the real host over its SQLite file: at start-up and while running.</summary>
public sealed class RetentionServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartUp_RecordsOlderThanTheRetention_DeletedNewerKept()
    {
        var data = Path.Combine(Path.GetTempPath(), "supportbot-host-tests", Guid.NewGuid().ToString("N"));
        var now = TimeProvider.System.GetUtcNow();
        using (var seed = new SqliteSupportStore(Options.Create(new StorageOptions { DatabasePath = Path.Combine(data, "supportbot.db") })))
        {
            seed.Initialize();
            await seed.RecordAsync(new QuestionRecord("q-old", "old", "faq", 0.9, null, "webchat", now.AddDays(-8)), default);
            await seed.RecordAsync(new QuestionRecord("q-new", "new", "faq", 0.9, null, "webchat", now.AddDays(-6)), default);
            await seed.RecordAsync(new FeedbackRecord("f-old", null, "old", true, "webchat", now.AddDays(-8)), default);
            await seed.RecordAsync(new FeedbackRecord("f-new", null, "new", true, "webchat", now.AddDays(-6)), default);
        }

        await using (var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Privacy:Retention"] = "7.00:00:00" }, dataFolder: data))
        {
            var questions = host.Services.GetRequiredService<IQuestionLog>();
            var feedback = host.Services.GetRequiredService<IFeedbackStore>();

            await WaitUntilAsync(async () => (await questions.RecentAsync(10, default)).Count == 1 && (await feedback.RecentAsync(10, default)).Count == 1);

            Assert.Equal("q-new", Assert.Single(await questions.RecentAsync(10, default)).AnswerId);
            Assert.Equal("f-new", Assert.Single(await feedback.RecentAsync(10, default)).AnswerId);
            Assert.Contains(host.Logs.Lines, l => l.EventId == 3700 && l.Message.StartsWith("Retention: deleted 1 question-log entries and 1 feedback records", StringComparison.Ordinal));
        }

        BotHost.DeleteData(data);
    }

    [Fact]
    public async Task Running_RecordPassesTheRetention_DeletedAtTheNextPurge()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Privacy:Retention"] = "01:00:00",
            ["Privacy:PurgeInterval"] = "00:00:01",
        });
        var questions = host.Services.GetRequiredService<IQuestionLog>();
        var now = TimeProvider.System.GetUtcNow();

        // Written while the host runs (the purge at start-up is long done), through the host's own question log.
        await questions.RecordAsync(new QuestionRecord("expired", "old", "faq", 0.9, null, "api", now.AddHours(-2)), default);
        await questions.RecordAsync(new QuestionRecord("current", "new", "faq", 0.9, null, "api", now), default);

        await WaitUntilAsync(async () => (await questions.RecentAsync(10, default)).All(q => q.AnswerId != "expired"));
        Assert.Equal(["current"], (await questions.RecentAsync(10, default)).Select(q => q.AnswerId));
        BotHost.DeleteData(host.DataFolder);
    }

    [Theory]
    [InlineData("Privacy:Retention", "00:10:00")]
    [InlineData("Privacy:PurgeInterval", "00:00:00")]
    public async Task StartUp_RetentionSettingOutOfRange_RefusedNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
