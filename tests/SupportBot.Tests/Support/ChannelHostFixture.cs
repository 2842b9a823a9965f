namespace SupportBot.Tests.Support;

/// <summary>One anonymous host and one fake channel shared by a test class (tests in a class run one at a time).</summary>
public sealed class ChannelHostFixture : IAsyncLifetime
{
    public const string SupportContact = "the SupportBot test desk at help@example.test";

    internal FakeChannel Channel { get; private set; } = null!;

    internal BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Answering:SupportContact"] = SupportContact });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
        BotHost.DeleteData(Host.DataFolder);
    }
}
