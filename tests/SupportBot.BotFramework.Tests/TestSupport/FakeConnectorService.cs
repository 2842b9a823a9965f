using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SupportBot.BotFramework.Tests.TestSupport;

/// <summary>
/// A Bot Connector stand-in on Kestrel loopback: records every request (raw target, Authorization,
/// body) and answers from a script of responses, then 200 <c>{"id":"sent-N"}</c>.
/// </summary>
internal sealed class FakeConnectorService : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly LoopbackServer _server;
    private int _counter;

    private FakeConnectorService(LoopbackServer server) => _server = server;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string BaseUrl => _server.BaseUrl;

    public static async Task<FakeConnectorService> StartAsync()
    {
        FakeConnectorService? service = null;
        var server = await LoopbackServer.StartAsync(app => app.Run(context => service!.HandleAsync(context)));
        service = new FakeConnectorService(server);
        return service;
    }

    public void Enqueue(int status, string? body = null, TimeSpan? delay = null, IDictionary<string, string>? headers = null) =>
        _script.Enqueue(new ScriptedResponse(status, body, delay, headers));

    public IReadOnlyList<RecordedRequest> Snapshot() => Requests.ToList();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        Requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            rawTarget,
            context.Request.Headers.Authorization.Count == 0 ? null : context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            body));

        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.Delay is { } delay)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = scripted.Status;
            foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (scripted.Body is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(scripted.Body);
            }

            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"id":"sent-{{Interlocked.Increment(ref _counter)}}"}""");
    }

    private sealed record ScriptedResponse(int Status, string? Body, TimeSpan? Delay, IDictionary<string, string>? Headers);
}

internal sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string? ContentType, string Body)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public JsonElement Element => JsonDocument.Parse(Body).RootElement.Clone();
}
