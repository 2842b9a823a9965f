namespace SupportBot.Tests.Support;

/// <summary>A Connector service on loopback that answers every call with one error status, counting the calls.</summary>
internal sealed class FailingChannel : IAsyncDisposable
{
    private WebApplication _app = null!;
    private int _calls;

    public string ServiceUrl { get; private set; } = "";

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FailingChannel> StartAsync(int status)
    {
        var channel = new FailingChannel();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        channel._app = builder.Build();
        channel._app.Run(context =>
        {
            Interlocked.Increment(ref channel._calls);
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        await channel._app.StartAsync();
        channel.ServiceUrl = channel._app.Urls.First().TrimEnd('/') + "/";
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
