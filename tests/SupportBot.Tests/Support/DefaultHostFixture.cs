namespace SupportBot.Tests.Support;

/// <summary>One host with the default configuration shared by a test class, so its answers match the CLI's.</summary>
public sealed class DefaultHostFixture : IAsyncLifetime
{
    internal BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await BotHost.StartAsync();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        BotHost.DeleteData(Host.DataFolder);
    }
}
