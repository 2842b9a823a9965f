using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

/// <summary>Storage settings are checked at start-up, and every failure names the key to fix.</summary>
public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData("MEMORY")]
    [InlineData("Sqlite")]
    [InlineData("redis")]
    public void Provider_AnyCase_Parsed(string value) =>
        Assert.NotNull(StorageProviders.Parse(value));

    [Fact]
    public void Defaults_MemoryProvider_Valid()
    {
        var options = new StorageOptions();

        Assert.Equal(StorageProvider.Memory, options.ParsedProvider);
        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("postgres", null, "Storage:Provider must be memory, sqlite or redis, not 'postgres'")]
    [InlineData("redis", null, "Storage:ConnectionString is required with Storage:Provider=redis")]
    [InlineData("redis", "  ", "Storage:ConnectionString is required with Storage:Provider=redis")]
    [InlineData("redis", "127.0.0.1:6379,nosuchoption=1", "Storage:ConnectionString is not a StackExchange.Redis configuration string")]
    [InlineData("redis", "password=secret-value", "Storage:ConnectionString names no Redis server")]
    [InlineData("memory", "127.0.0.1:6379", "Storage:ConnectionString is set but Storage:Provider is memory")]
    public void Validator_BadProviderOrConnectionString_NamesTheKey(string provider, string? connectionString, string expected)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = provider, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(StorageOptions.DatabasePath), "Storage:DatabasePath is required")]
    [InlineData(nameof(StorageOptions.WriteRetryAttempts), "Storage:WriteRetryAttempts must be from 0 to 10")]
    [InlineData(nameof(StorageOptions.WriteRetryDelay), "Storage:WriteRetryDelay must be from")]
    [InlineData(nameof(StorageOptions.ConversationStateTtl), "Storage:ConversationStateTtl must be at least")]
    [InlineData(nameof(StorageOptions.MaxQuestionLogEntries), "Storage:MaxQuestionLogEntries must be at least 1")]
    [InlineData(nameof(StorageOptions.KeyPrefix), "Storage:KeyPrefix must not be empty")]
    public void Validator_BadValue_NamesTheKey(string property, string expected)
    {
        var options = new StorageOptions { Provider = property == nameof(StorageOptions.DatabasePath) ? "memory" : "redis", ConnectionString = property == nameof(StorageOptions.DatabasePath) ? null : "127.0.0.1:6379" };
        switch (property)
        {
            case nameof(StorageOptions.DatabasePath): options.DatabasePath = ""; break;
            case nameof(StorageOptions.WriteRetryAttempts): options.WriteRetryAttempts = 11; break;
            case nameof(StorageOptions.WriteRetryDelay): options.WriteRetryDelay = TimeSpan.Zero; break;
            case nameof(StorageOptions.ConversationStateTtl): options.ConversationStateTtl = TimeSpan.FromSeconds(5); break;
            case nameof(StorageOptions.MaxQuestionLogEntries): options.MaxQuestionLogEntries = 0; break;
            case nameof(StorageOptions.KeyPrefix): options.KeyPrefix = ""; break;
        }

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_RetiredConversationStateKey_SaysWhatReplacedIt()
    {
        var result = new StorageOptionsValidator(legacyConversationStateKey: true).Validate(null, new StorageOptions());

        Assert.Contains("Storage:ConversationState was replaced by Storage:Provider", result.FailureMessage, StringComparison.Ordinal);
    }
}
