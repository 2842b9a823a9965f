using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.Tests.TestSupport;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>
/// A real Kestrel host on loopback serving the Direct Line routes over the library's adapter and
/// <see cref="EchoBot"/>, with a secret configured and a clock the test can move.
/// </summary>
internal sealed class DirectLineTestHost : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789-abcdefghijklmnop";

    private readonly LoopbackServer _server;

    private DirectLineTestHost(LoopbackServer server, EchoBot bot, ManualTimeProvider time)
    {
        _server = server;
        Bot = bot;
        Time = time;
        Http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl => _server.BaseUrl;

    public HttpClient Http { get; }

    public EchoBot Bot { get; }

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => _server.Services;

    public static async Task<DirectLineTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var bot = new EchoBot();
        var time = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var server = await LoopbackServer.StartAsync(
            app =>
            {
                app.UseWebSockets();
                app.UseCors();
                app.MapDirectLine();
            },
            builder =>
            {
                var all = new Dictionary<string, string?> { ["DirectLine:Secrets:0"] = Secret };
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    all[key] = value;
                }

                builder.Configuration.AddInMemoryCollection(all);
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddBotFramework(builder.Configuration);
                builder.Services.AddSingleton<IBot>(bot);
                builder.Services.AddDirectLine(builder.Configuration);
            });
        return new DirectLineTestHost(server, bot, time);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? credential, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "/v3/directline/" + path);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (body is not null)
        {
            request.Content = body is string text
                ? new StringContent(text, Encoding.UTF8, "application/json")
                : JsonContent.Create(body, body.GetType());
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonNode> JsonAsync(HttpMethod method, string path, string? credential, object? body = null)
    {
        using var response = await SendAsync(method, path, credential, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>tokens/generate with the secret, for a dl_ user.</summary>
    public async Task<(string ConversationId, string Token)> GenerateAsync(string userId = "dl_user-1")
    {
        var body = await JsonAsync(HttpMethod.Post, "tokens/generate", Secret, new { user = new { id = userId, name = "Ada" } });
        return (body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>());
    }

    /// <summary>A started conversation: the token and the body of POST conversations.</summary>
    public async Task<(string ConversationId, string Token, JsonNode Started)> StartConversationAsync()
    {
        var (conversationId, token) = await GenerateAsync();
        var started = await JsonAsync(HttpMethod.Post, "conversations", token, new { user = new { id = "ignored-when-token-has-user" } });
        return (conversationId, started["token"]!.GetValue<string>(), started);
    }

    public async Task<string> PostMessageAsync(string conversationId, string token, string text, JsonObject? extra = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["from"] = new JsonObject { ["id"] = "r_client", ["name"] = "Client" },
            ["text"] = text,
        };
        foreach (var (key, value) in extra ?? [])
        {
            activity[key] = value?.DeepClone();
        }

        var response = await JsonAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, activity.ToJsonString());
        return response["id"]!.GetValue<string>();
    }

    public async Task<JsonNode> ActivitiesAsync(string conversationId, string token, string? watermark = null) =>
        await JsonAsync(HttpMethod.Get, $"conversations/{conversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"), token);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>
/// Answers "echo: {text}" (with a suggested action) to messages, greets added users, records every
/// activity it is given, and throws on "explode" (a 502 once the test switches the adapter's error handler off).
/// </summary>
internal sealed class EchoBot : IBot
{
    private readonly ConcurrentQueue<Activity> _received = new();

    public IReadOnlyList<Activity> Received => _received.ToList();

    /// <summary>A message "slow" waits here (with the turn's cancellation token) before it is answered.</summary>
    public SemaphoreSlim Gate { get; } = new(0);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        _received.Enqueue(activity);
        if (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true)
        {
            await turnContext.SendActivityAsync("welcome", cancellationToken: cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message)
        {
            if (activity.Text == "explode")
            {
                throw new InvalidOperationException("boom");
            }

            if (activity.Text == "slow")
            {
                await Gate.WaitAsync(cancellationToken);
            }

            await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
            var reply = activity.CreateReply($"echo: {activity.Text}");
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = [new CardAction { Type = ActionTypes.ImBack, Title = "again", Value = JsonSerializer.SerializeToElement("again") }],
            };
            await turnContext.SendActivityAsync(reply, cancellationToken);
        }
    }
}

/// <summary>A WebSocket client reading ActivitySets (and keep-alives) from a streamUrl.</summary>
internal sealed class ActivityStreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Queue<JsonNode> _pending = new();

    public static async Task<ActivityStreamClient> OpenAsync(string streamUrl)
    {
        var reader = new ActivityStreamClient();
        await reader._socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return reader;
    }

    public WebSocket Socket => _socket;

    /// <summary>The next text message ("" for a keep-alive), or null when the server closed.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Reads past any ActivitySets and keep-alives until the server closes the socket; fails after 10 s of silence.</summary>
    public async Task WaitForCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
    }

    /// <summary>
    /// Activities from ActivitySets, in order (keep-alives skipped), until <paramref name="until"/> holds for
    /// one; the rest of that set waits for the next call. Fails after 20 seconds without it.
    /// </summary>
    public async Task<List<JsonNode>> ReadUntilAsync(Func<JsonNode, bool> until, List<string>? watermarks = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (20 * TimeProvider.System.TimestampFrequency);
        var activities = new List<JsonNode>();
        while (true)
        {
            while (_pending.TryDequeue(out var activity))
            {
                activities.Add(activity);
                if (until(activity))
                {
                    return activities;
                }
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"No matching activity in 20 s; received {activities.Count}.");
            }

            var text = await ReceiveAsync() ?? throw new InvalidOperationException("The stream closed.");
            if (text.Length == 0)
            {
                continue;
            }

            var set = JsonNode.Parse(text)!;
            watermarks?.Add(set["watermark"]!.GetValue<string>());
            foreach (var activity in set["activities"]!.AsArray())
            {
                _pending.Enqueue(activity!.DeepClone());
            }
        }
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
