using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace SupportBot.Tests.Support;

/// <summary>
/// Plays the Bot Connector service on Kestrel loopback: records every request the bot makes (method, raw
/// target, Authorization, body) and answers 200 <c>{"id":"reply-N"}</c>, as a channel does.
/// </summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChannelRequest> _requests = new();
    private WebApplication _app = null!;
    private int _counter;

    /// <summary>The serviceUrl to put in activities, with the trailing slash channels send.</summary>
    public string ServiceUrl { get; private set; } = "";

    public static async Task<FakeChannel> StartAsync()
    {
        var channel = new FakeChannel();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        channel._app = builder.Build();
        channel._app.Run(channel.HandleAsync);
        await channel._app.StartAsync();
        channel.ServiceUrl = channel._app.Urls.First().TrimEnd('/') + "/";
        return channel;
    }

    public IReadOnlyList<ChannelRequest> Requests => _requests.ToList();

    public void Clear() => _requests.Clear();

    /// <summary>Requests whose body is a message (not typing).</summary>
    public IReadOnlyList<ChannelRequest> Messages => Requests.Where(r => r.Json?["type"]?.GetValue<string>() == "message").ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new ChannelRequest(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString(),
            body));
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id":"reply-{{Interlocked.Increment(ref _counter)}}"}""");
    }
}

/// <summary>One request the bot made to the channel.</summary>
internal sealed record ChannelRequest(string Method, string RawTarget, string? Authorization, string Body)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public string Type => Json?["type"]?.GetValue<string>() ?? "";

    public string Text => Json?["text"]?.GetValue<string>() ?? "";
}
