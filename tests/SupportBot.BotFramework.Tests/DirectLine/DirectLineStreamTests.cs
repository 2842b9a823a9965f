using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>The WebSocket behind streamUrl: replay, push, watermarks, keep-alives, reconnects and refusals.</summary>
public sealed class DirectLineStreamTests : IAsyncLifetime
{
    private DirectLineTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:KeepAliveInterval"] = "00:00:01" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stream_OnOpen_ReplaysTheWelcome_ThenPushesEchoAndReplyWithRisingWatermarks()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();
        await using var stream = await ActivityStreamClient.OpenAsync(started["streamUrl"]!.GetValue<string>());
        var watermarks = new List<string>();

        var replayed = await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "welcome", watermarks);
        var id = await _host.PostMessageAsync(conversationId, token, "hello");
        var pushed = await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "echo: hello", watermarks);

        Assert.Single(replayed);
        Assert.Equal(["message", "typing", "message"], pushed.Select(a => a["type"]!.GetValue<string>()));
        Assert.Equal(id, pushed[0]["id"]!.GetValue<string>());
        Assert.Equal("user", pushed[0]["from"]!["role"]!.GetValue<string>());
        Assert.All(pushed.Skip(1), a => Assert.Equal("bot", a["from"]!["role"]!.GetValue<string>()));
        var numbers = watermarks.Select(long.Parse).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(4, numbers[^1]);
    }

    [Fact]
    public async Task Stream_ClientPingsWithEmptyStrings_IgnoredAndServerSendsEmptyKeepAlives()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();
        await using var stream = await ActivityStreamClient.OpenAsync(started["streamUrl"]!.GetValue<string>());
        await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "welcome");

        await stream.SendTextAsync("");
        await stream.SendTextAsync("not an activity");
        var keepAlive = await stream.ReceiveAsync(TimeSpan.FromSeconds(5));
        await _host.PostMessageAsync(conversationId, token, "still there?");
        var after = await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "echo: still there?");

        Assert.Equal("", keepAlive);
        Assert.Equal(WebSocketState.Open, stream.Socket.State);
        Assert.Equal("still there?", after[0]["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconnect_WithWatermark_NewStreamReplaysOnlyWhatCameAfter()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();
        await _host.PostMessageAsync(conversationId, token, "one");
        await _host.PostMessageAsync(conversationId, token, "two");

        var reconnected = await _host.JsonAsync(HttpMethod.Get, $"conversations/{conversationId}?watermark=4", token);
        await using var stream = await ActivityStreamClient.OpenAsync(reconnected["streamUrl"]!.GetValue<string>());
        var replayed = await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "echo: two");

        Assert.Equal(["two", null, "echo: two"], replayed.Select(a => a["text"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Reconnect_WithoutWatermark_OnlyNewActivities()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();
        await _host.PostMessageAsync(conversationId, token, "old");

        var reconnected = await _host.JsonAsync(HttpMethod.Get, $"conversations/{conversationId}", token);
        await using var stream = await ActivityStreamClient.OpenAsync(reconnected["streamUrl"]!.GetValue<string>());
        await _host.PostMessageAsync(conversationId, token, "new");
        var received = await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "echo: new");

        Assert.Equal("new", received[0]["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task SecondSocket_SameConversation_OlderOneIsClosed()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();
        await using var older = await ActivityStreamClient.OpenAsync(started["streamUrl"]!.GetValue<string>());
        await older.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "welcome");

        var reconnected = await _host.JsonAsync(HttpMethod.Get, $"conversations/{conversationId}", token);
        await using var newer = await ActivityStreamClient.OpenAsync(reconnected["streamUrl"]!.GetValue<string>());
        await _host.PostMessageAsync(conversationId, token, "hi");
        await newer.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "echo: hi");

        // The server ends the older socket: a close frame or a dropped connection, not more keep-alives.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            for (var i = 0; i < 5 && await older.ReceiveAsync(TimeSpan.FromSeconds(5)) is not null; i++)
            {
            }

            throw new WebSocketException(older.Socket.State.ToString());
        });
        Assert.NotEqual(WebSocketState.Open, older.Socket.State);
    }

    [Fact]
    public async Task Stream_ConversationForgotten_SocketClosed()
    {
        var (_, _, started) = await _host.StartConversationAsync();
        await using var stream = await ActivityStreamClient.OpenAsync(started["streamUrl"]!.GetValue<string>());
        await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "welcome");

        _host.Time.Advance(TimeSpan.FromHours(2));
        for (var i = 0; i < 5 && await stream.ReceiveAsync(TimeSpan.FromSeconds(5)) is not null; i++)
        {
        }

        Assert.Equal("conversation ended", stream.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Stream_UrlOfAnotherConversation_Refused403()
    {
        var (_, _, startedA) = await _host.StartConversationAsync();
        var (conversationB, _, _) = await _host.StartConversationAsync();
        var streamA = new Uri(startedA["streamUrl"]!.GetValue<string>());
        var forged = $"ws://{streamA.Authority}/v3/directline/conversations/{conversationB}/stream{streamA.Query}";

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(forged), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Stream_ConversationTokenInsteadOfStreamToken_Refused403()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();
        var streamUrl = new Uri(started["streamUrl"]!.GetValue<string>());

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri($"ws://{streamUrl.Authority}/v3/directline/conversations/{conversationId}/stream?t={token}"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Stream_ExpiredStreamUrl_Refused403()
    {
        var (_, _, started) = await _host.StartConversationAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(3));

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(started["streamUrl"]!.GetValue<string>()), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Stream_PlainGet_400BadArgument()
    {
        var (_, _, started) = await _host.StartConversationAsync();
        var url = new Uri(started["streamUrl"]!.GetValue<string>());

        using var response = await _host.Http.GetAsync(url.PathAndQuery);

        await DirectLineApiTests.AssertError(response, HttpStatusCode.BadRequest, "BadArgument");
    }

    [Fact]
    public async Task Stream_ManyMessages_EveryActivityOnceInOrder()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();
        await using var stream = await ActivityStreamClient.OpenAsync(started["streamUrl"]!.GetValue<string>());

        var posts = Enumerable.Range(1, 20).Select(i => _host.PostMessageAsync(conversationId, token, $"m{i}")).ToList();
        await Task.WhenAll(posts);
        var received = new List<JsonNode>();
        while (received.Count < 1 + (20 * 3))
        {
            received.AddRange(await stream.ReadUntilAsync(_ => true));
        }

        var ids = received.Select(a => a["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"m{i}").Order(), received.Where(a => a["from"]!["role"]!.GetValue<string>() == "user").Select(a => a["text"]!.GetValue<string>()).Order());
    }
}
