using SupportBot.BotFramework.DirectLine;
using SupportBot.Storage;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Storage;

/// <summary>
/// The stores of one provider, registered exactly as the host registers them (<c>AddSupportStorage</c>, then
/// <c>AddDirectLine</c>), over a temporary SQLite file or a real Redis with a key prefix of their own, so
/// contract tests run the same assertions against every provider. Two StoreHosts on one Redis are two replicas.
/// </summary>
internal sealed class StoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private StoreHost(ServiceProvider services, string folder, CapturingLoggerProvider logs)
    {
        _services = services;
        _folder = folder;
        Logs = logs;
    }

    public IServiceProvider Services => _services;

    public CapturingLoggerProvider Logs { get; }

    public IConversationStateStore States => _services.GetRequiredService<IConversationStateStore>();

    public IFeedbackStore Feedback => _services.GetRequiredService<IFeedbackStore>();

    public IQuestionLog Questions => _services.GetRequiredService<IQuestionLog>();

    public IDirectLineStore DirectLine => _services.GetRequiredService<IDirectLineStore>();

    public IDirectLineRevocations Revocations => _services.GetRequiredService<IDirectLineRevocations>();

    /// <summary>A fresh key prefix, so tests sharing one Redis never see each other's keys.</summary>
    public static string NewPrefix() => $"test-{Guid.NewGuid():N}:";

    /// <param name="provider">memory, sqlite or redis.</param>
    /// <param name="redis">The server, for redis.</param>
    /// <param name="prefix">The key prefix (same prefix: same data, as replicas share it).</param>
    /// <param name="settings">More configuration, e.g. DirectLine:MaxTranscriptBytes.</param>
    /// <param name="time">The clock, when not the system's.</param>
    public static StoreHost Create(string provider, RedisServer? redis = null, string? prefix = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "supportbot-store-tests", Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:DatabasePath"] = Path.Combine(folder, "supportbot.db"),
            ["Storage:ConnectionString"] = provider == "redis" ? redis!.ConnectionString : null,
            ["Storage:KeyPrefix"] = prefix ?? NewPrefix(),
            ["Storage:WriteRetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSupportStorage(configuration);
        services.AddDirectLine(configuration);
        var built = services.BuildServiceProvider();

        // Reading the options runs their validators, as the host's start-up does.
        _ = built.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        return new StoreHost(built, folder, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        BotHost.DeleteData(_folder);
    }
}
