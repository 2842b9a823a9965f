using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.Support;

/// <summary>
/// One Direct Line conversation as a client holds it (token, conversation id, last watermark), speaking the
/// protocol over HTTP to whichever replica a call names, the way DirectLineJS does after a load balancer.
/// </summary>
internal sealed class DirectLineChat
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private DirectLineChat(string conversationId, string token, string userId)
    {
        ConversationId = conversationId;
        Token = token;
        UserId = userId;
    }

    public string ConversationId { get; }

    /// <summary>The conversation token (replaced by the fresh one each start or reconnect returns).</summary>
    public string Token { get; set; }

    public string UserId { get; }

    /// <summary>Gets a page token from <paramref name="baseUrl"/>'s /api/directline/token and starts the conversation there; returns its streamUrl too.</summary>
    public static async Task<(DirectLineChat Chat, string StreamUrl)> StartAsync(string baseUrl)
    {
        using var tokenResponse = await Http.PostAsync($"{baseUrl}/api/directline/token", null);
        var page = JsonNode.Parse(await ReadSuccessAsync(tokenResponse))!;
        var chat = new DirectLineChat(page["conversationId"]!.GetValue<string>(), page["token"]!.GetValue<string>(), page["userId"]!.GetValue<string>());
        using var started = await chat.SendAsync(baseUrl, HttpMethod.Post, "conversations", new JsonObject());
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        chat.Token = body["token"]!.GetValue<string>();
        return (chat, body["streamUrl"]!.GetValue<string>());
    }

    /// <summary>Posts a message (or any activity) on <paramref name="baseUrl"/>; returns its id.</summary>
    public async Task<string> PostAsync(string baseUrl, JsonObject activity)
    {
        using var response = await SendAsync(baseUrl, HttpMethod.Post, $"conversations/{ConversationId}/activities", activity);
        return JsonNode.Parse(await ReadSuccessAsync(response))!["id"]!.GetValue<string>();
    }

    public Task<string> AskAsync(string baseUrl, string text) =>
        PostAsync(baseUrl, new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "r_test" }, ["text"] = text });

    /// <summary>Reconnect on <paramref name="baseUrl"/>: a fresh token and a streamUrl replaying after <paramref name="watermark"/>.</summary>
    public async Task<string> ReconnectAsync(string baseUrl, string watermark)
    {
        using var response = await SendAsync(baseUrl, HttpMethod.Get, $"conversations/{ConversationId}?watermark={watermark}");
        var body = JsonNode.Parse(await ReadSuccessAsync(response))!;
        Token = body["token"]!.GetValue<string>();
        return body["streamUrl"]!.GetValue<string>();
    }

    public Task<HttpResponseMessage> SendAsync(string baseUrl, HttpMethod method, string path, JsonNode? body = null, string? credential = null)
    {
        var request = new HttpRequestMessage(method, $"{baseUrl}/v3/directline/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential ?? Token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    private static async Task<string> ReadSuccessAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}");
        return text;
    }
}

/// <summary>A WebSocket on a streamUrl, reading ActivitySets (keep-alives skipped) and remembering the last watermark.</summary>
internal sealed class ActivityStream : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);
    private readonly ClientWebSocket _socket = new();
    private readonly Queue<(JsonNode Activity, string Watermark)> _pending = new();

    /// <summary>The watermark of the last ActivitySet fully read ("" before any).</summary>
    public string Watermark { get; private set; } = "";

    /// <summary>Every activity read so far, in order.</summary>
    public List<JsonNode> Received { get; } = [];

    public static async Task<ActivityStream> OpenAsync(string streamUrl)
    {
        var stream = new ActivityStream();
        await stream._socket.ConnectAsync(new Uri(streamUrl), CancellationToken.None);
        return stream;
    }

    /// <summary>Reads until an activity matches (returned); fails after 20 seconds without one or if the socket closes.</summary>
    public async Task<JsonNode> ReadUntilAsync(Func<JsonNode, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            while (_pending.TryDequeue(out var next))
            {
                Received.Add(next.Activity);
                if (_pending.Count == 0)
                {
                    Watermark = next.Watermark;
                }

                if (match(next.Activity))
                {
                    return next.Activity;
                }
            }

            string? text;
            try
            {
                text = await ReceiveAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {what} on the stream within {ReadTimeout}; read {Received.Count} activities.");
            }

            if (text is null)
            {
                throw new InvalidOperationException($"The stream closed before {what}.");
            }

            if (text.Length == 0)
            {
                continue;
            }

            var set = JsonNode.Parse(text)!;
            var watermark = set["watermark"]!.GetValue<string>();
            foreach (var activity in set["activities"]!.AsArray())
            {
                _pending.Enqueue((activity!.DeepClone(), watermark));
            }
        }
    }

    /// <summary>Reads until the server closes the socket; fails after 20 seconds.</summary>
    public async Task WaitForCloseAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (await ReceiveAsync(timeout.Token) is not null)
        {
        }
    }

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

    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                // The server went away without a close handshake (a killed replica).
                return null;
            }

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
}
