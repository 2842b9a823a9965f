using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace SupportBot.Tests.Support;

/// <summary>
/// Plays the Bot Connector service on Kestrel loopback: records every request the bot makes (method, raw
/// target, Authorization, body, when) and answers 200 <c>{"id":"reply-N"}</c>, as a channel does, or, after
/// <see cref="Fail"/>, as a channel in trouble does.
/// </summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChannelRequest> _requests = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private WebApplication _app = null!;
    private int _counter;
    private volatile ChannelFault? _fault;

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

    /// <summary>Answers every request with <paramref name="fault"/> until <see cref="Heal"/>.</summary>
    public void Fail(ChannelFault fault) => _fault = fault;

    /// <summary>Back to answering 200.</summary>
    public void Heal() => _fault = null;

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
            body) { ReceivedAt = _clock.Elapsed });
        if (_fault is { } fault)
        {
            await FailAsync(context, fault);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id":"reply-{{Interlocked.Increment(ref _counter)}}"}""");
    }

    private static async Task FailAsync(HttpContext context, ChannelFault fault)
    {
        if (fault.Hang)
        {
            // Until the bot gives up on the attempt (or the channel stops).
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        context.Response.StatusCode = fault.Status;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$$"""{"error":{"code":"Fault{{{fault.Status}}}","message":"the fake channel is failing"}}""");
    }
}

/// <summary>How a channel in trouble answers: a status (with Retry-After, seconds), or no answer at all.</summary>
internal sealed record ChannelFault(int Status = 500, int? RetryAfterSeconds = null, bool Hang = false)
{
    public static ChannelFault Hanging => new(Hang: true);
}

/// <summary>One request the bot made to the channel.</summary>
internal sealed record ChannelRequest(string Method, string RawTarget, string? Authorization, string Body)
{
    /// <summary>When it arrived, from the channel's start.</summary>
    public TimeSpan ReceivedAt { get; init; }

    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public string Type => Json?["type"]?.GetValue<string>() ?? "";

    public string Text => Json?["text"]?.GetValue<string>() ?? "";
}
