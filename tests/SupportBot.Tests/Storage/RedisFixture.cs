using SupportBot.Tests.Support;

namespace SupportBot.Tests.Storage;

/// <summary>One redis-server for a test class; tests keep apart by key prefix.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    internal RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
