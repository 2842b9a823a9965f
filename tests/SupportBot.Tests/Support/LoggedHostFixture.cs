namespace SupportBot.Tests.Support;

/// <summary>
/// One host per test class that logs everything (Trace in every category) into a <see cref="ScopedLogCapture"/>,
/// and a fake channel. Tests in the class tell their lines apart by the correlation ids they send.
/// </summary>
public sealed class LoggedHostFixture : IAsyncLifetime
{
    internal ScopedLogCapture Logs { get; } = new();

    internal FakeChannel Channel { get; private set; } = null!;

    internal BotHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Host = await BotHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            },
            services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Channel.DisposeAsync();
        BotHost.DeleteData(Host.DataFolder);
    }
}
