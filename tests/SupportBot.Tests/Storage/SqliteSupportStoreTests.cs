using Microsoft.Extensions.Options;
using SupportBot.Storage;

namespace SupportBot.Tests.Storage;

/// <summary>What only the SQLite and in-memory stores do; what every store does is in the *ContractTests.</summary>
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
    public void Initialize_PathIsAFolder_FailsNamingTheKey()
    {
        Directory.CreateDirectory(_folder);
        using var store = new SqliteSupportStore(Options.Create(new StorageOptions { DatabasePath = _folder }));

        var error = Assert.Throws<InvalidOperationException>(store.Initialize);

        Assert.StartsWith("Storage:DatabasePath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub/test.db")]
    [InlineData("Data Source=sub/test.db")]
    public async Task SqliteProvider_ConnectionString_NamesTheFileInsteadOfDatabasePath(string connectionString)
    {
        var options = new StorageOptions { Provider = "SQLite", ConnectionString = connectionString.Replace("sub/", _folder + "/", StringComparison.Ordinal), DatabasePath = "unused.db" };
        using var store = new SqliteSupportStore(Options.Create(options));

        await store.SetAsync("k", new ConversationState { UpdatedAt = Noon }, default);

        Assert.Equal(Path.Combine(_folder, "test.db"), store.Path);
        Assert.True(File.Exists(store.Path));
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
}
