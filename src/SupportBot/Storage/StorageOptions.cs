using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SupportBot.Storage;

/// <summary>Where the host keeps what must outlive a turn (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <c>memory</c> (the default: conversation state and Direct Line in this process, feedback and the question
    /// log in the SQLite file <see cref="DatabasePath"/>), <c>sqlite</c> (conversation state in that file too) or
    /// <c>redis</c> (everything several replicas must share, in the Redis of <see cref="ConnectionString"/>).
    /// Case-insensitive.
    /// </summary>
    public string Provider { get; set; } = StorageProviders.Memory;

    /// <summary>
    /// For <c>redis</c> (required): the StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis:6379,password=…,ssl=true</c>; <c>abortConnect=false</c> is always applied, so the host starts
    /// and recovers while Redis is down. For <c>sqlite</c> (optional): the database file, instead of
    /// <see cref="DatabasePath"/> (a path, or <c>Data Source=path</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The SQLite file for feedback, the question log and (with <c>sqlite</c>) conversation state. Relative
    /// paths resolve against the current directory. Default <c>data/supportbot.db</c>; the folder is created.
    /// </summary>
    public string DatabasePath { get; set; } = "data/supportbot.db";

    /// <summary>Most conversations the in-memory store keeps; the least recently updated are dropped. Default 10,000.</summary>
    public int MaxInMemoryConversations { get; set; } = 10_000;

    /// <summary>Longest question text stored in the question log and feedback, in characters. Default 2,000.</summary>
    public int MaxStoredQuestionLength { get; set; } = 2_000;

    /// <summary>Redis: the prefix of every key and channel, so several deployments can share one Redis. Default <c>supportbot:</c>.</summary>
    public string KeyPrefix { get; set; } = "supportbot:";

    /// <summary>Redis: how long a conversation's state outlives its last turn. Default 1 day.</summary>
    public TimeSpan ConversationStateTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Redis: most questions the question log keeps (the oldest go first). Default 100,000.</summary>
    public int MaxQuestionLogEntries { get; set; } = 100_000;

    /// <summary>
    /// Redis: retries of a failed write (conversation state, feedback, question log) before it is given up and
    /// reported (a logged error and a counted failure on the health report). Default 2; 0 to 10.
    /// </summary>
    public int WriteRetryAttempts { get; set; } = 2;

    /// <summary>Redis: the first retry's delay; each next one doubles it (with jitter). Default 100 ms.</summary>
    public TimeSpan WriteRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The provider, parsed; null when <see cref="Provider"/> is not one of the three.</summary>
    public StorageProvider? ParsedProvider => StorageProviders.Parse(Provider);

    /// <summary>The SQLite file: <see cref="ConnectionString"/> when the provider is <c>sqlite</c> and it is set, else <see cref="DatabasePath"/>.</summary>
    public string ResolveDatabasePath()
    {
        var path = ParsedProvider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(ConnectionString)
            ? (ConnectionString.Contains('=', StringComparison.Ordinal) ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : ConnectionString)
            : DatabasePath;
        return Path.GetFullPath(path);
    }
}

/// <summary>The storage providers.</summary>
public enum StorageProvider
{
    /// <summary>Conversation state and Direct Line in memory; feedback and question log in SQLite.</summary>
    Memory,

    /// <summary>Like memory, with conversation state in SQLite too.</summary>
    Sqlite,

    /// <summary>Everything replicas must share, in Redis.</summary>
    Redis,
}

/// <summary>Values of <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviders
{
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
    public const string Redis = "redis";

    /// <summary>The provider named by <paramref name="value"/> (any case), or null.</summary>
    public static StorageProvider? Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "MEMORY" => StorageProvider.Memory,
        "SQLITE" => StorageProvider.Sqlite,
        "REDIS" => StorageProvider.Redis,
        _ => null,
    };
}

/// <param name="legacyConversationStateKey">True when the retired <c>Storage:ConversationState</c> is still configured.</param>
internal sealed class StorageOptionsValidator(bool legacyConversationStateKey = false) : IValidateOptions<StorageOptions>
{
    private const string Section = StorageOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (legacyConversationStateKey)
        {
            failures.Add($"{Section}:ConversationState was replaced by {Section}:{nameof(StorageOptions.Provider)} ({StorageProviders.Memory}, {StorageProviders.Sqlite} or {StorageProviders.Redis}); remove it.");
        }

        var provider = options.ParsedProvider;
        if (provider is null)
        {
            failures.Add($"{Section}:{nameof(StorageOptions.Provider)} must be {StorageProviders.Memory}, {StorageProviders.Sqlite} or {StorageProviders.Redis}, not '{options.Provider}'.");
        }

        if (provider == StorageProvider.Redis)
        {
            ValidateRedis(options, failures);
        }
        else if (provider == StorageProvider.Memory && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:{nameof(StorageOptions.ConnectionString)} is set but {Section}:{nameof(StorageOptions.Provider)} is {StorageProviders.Memory}, which does not use it; set the provider to {StorageProviders.Redis} or {StorageProviders.Sqlite}.");
        }

        if (provider != StorageProvider.Redis && string.IsNullOrWhiteSpace(options.DatabasePath) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:{nameof(StorageOptions.DatabasePath)} is required (e.g. data/supportbot.db).");
        }

        if (options.MaxInMemoryConversations < 1)
        {
            failures.Add($"{Section}:{nameof(StorageOptions.MaxInMemoryConversations)} must be at least 1.");
        }

        if (options.MaxStoredQuestionLength < 1)
        {
            failures.Add($"{Section}:{nameof(StorageOptions.MaxStoredQuestionLength)} must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateRedis(StorageOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:{nameof(StorageOptions.ConnectionString)} is required with {Section}:{nameof(StorageOptions.Provider)}={StorageProviders.Redis} (e.g. 127.0.0.1:6379).");
        }
        else
        {
            try
            {
                if (StackExchange.Redis.ConfigurationOptions.Parse(options.ConnectionString).EndPoints.Count == 0)
                {
                    failures.Add($"{Section}:{nameof(StorageOptions.ConnectionString)} names no Redis server (e.g. 127.0.0.1:6379).");
                }
            }
            catch (ArgumentException ex)
            {
                // The parser's message names the bad keyword, never the password's value.
                failures.Add($"{Section}:{nameof(StorageOptions.ConnectionString)} is not a StackExchange.Redis configuration string: {ex.Message}");
            }
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix))
        {
            failures.Add($"{Section}:{nameof(StorageOptions.KeyPrefix)} must not be empty (e.g. supportbot:).");
        }

        if (options.ConversationStateTtl < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(StorageOptions.ConversationStateTtl)} must be at least 00:01:00.");
        }

        if (options.MaxQuestionLogEntries < 1)
        {
            failures.Add($"{Section}:{nameof(StorageOptions.MaxQuestionLogEntries)} must be at least 1.");
        }

        if (options.WriteRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{Section}:{nameof(StorageOptions.WriteRetryAttempts)} must be from 0 to 10.");
        }

        if (options.WriteRetryDelay < TimeSpan.FromMilliseconds(1) || options.WriteRetryDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Section}:{nameof(StorageOptions.WriteRetryDelay)} must be from 00:00:00.001 to 00:00:10.");
        }
    }
}
