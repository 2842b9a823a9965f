using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Builder;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>The Direct Line 3.0 REST routes on a real host, checked against the protocol's conformance list.</summary>
public sealed class DirectLineApiTests : IAsyncLifetime
{
    private DirectLineTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DirectLineTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TokensGenerate_Secret_TokenForANewConversationExpiringIn1800Seconds()
    {
        var first = await _host.JsonAsync(HttpMethod.Post, "tokens/generate", DirectLineTestHost.Secret);
        var second = await _host.JsonAsync(HttpMethod.Post, "tokens/generate", DirectLineTestHost.Secret);

        Assert.Equal(["conversationId", "token", "expires_in"], first.AsObject().Select(p => p.Key));
        Assert.Equal(1800, first["expires_in"]!.GetValue<int>());
        Assert.Matches("^[A-Za-z0-9_-]{24}$", first["conversationId"]!.GetValue<string>());
        Assert.NotEqual(first["conversationId"]!.GetValue<string>(), second["conversationId"]!.GetValue<string>());
        Assert.Empty(_host.Bot.Received);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData("not-the-secret-but-just-as-long-as-it-is-0000", HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.AAAA", HttpStatusCode.Forbidden, "Forbidden")]
    public async Task TokensGenerate_BadCredential_RejectedWithErrorResponse(string? credential, HttpStatusCode status, string code)
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "tokens/generate", credential);

        await AssertError(response, status, code);
    }

    [Fact]
    public async Task TokensGenerate_WithAToken_403()
    {
        var (_, token) = await _host.GenerateAsync();

        using var response = await _host.SendAsync(HttpMethod.Post, "tokens/generate", token);

        await AssertError(response, HttpStatusCode.Forbidden, "Forbidden");
    }

    [Fact]
    public async Task TokensGenerate_UserIdWithoutDlPrefix_400()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "tokens/generate", DirectLineTestHost.Secret, new { user = new { id = "mallory" } });

        await AssertError(response, HttpStatusCode.BadRequest, "BadArgument");
    }

    [Fact]
    public async Task TokensRefresh_LiveToken_NewTokenForTheSameConversationThatOutlivesTheOld()
    {
        var (conversationId, token) = await _host.GenerateAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(20));

        var refreshed = await _host.JsonAsync(HttpMethod.Post, "tokens/refresh", token);
        _host.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(conversationId, refreshed["conversationId"]!.GetValue<string>());
        Assert.NotEqual(token, refreshed["token"]!.GetValue<string>());
        using var withOld = await _host.SendAsync(HttpMethod.Post, "conversations", token);
        await AssertError(withOld, HttpStatusCode.Forbidden, "TokenExpired");
        using var withNew = await _host.SendAsync(HttpMethod.Post, "conversations", refreshed["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, withNew.StatusCode);
    }

    [Fact]
    public async Task TokensRefresh_OldToken_WorksThroughTheGracePeriodThenRevoked()
    {
        var (conversationId, token) = await _host.GenerateAsync();
        var refreshed = (await _host.JsonAsync(HttpMethod.Post, "tokens/refresh", token))["token"]!.GetValue<string>();

        _host.Time.Advance(TimeSpan.FromSeconds(59));
        using (var withinGrace = await _host.SendAsync(HttpMethod.Post, "conversations", token))
        {
            Assert.Equal(HttpStatusCode.Created, withinGrace.StatusCode);
        }

        _host.Time.Advance(TimeSpan.FromSeconds(1));
        using var read = await _host.SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities", token);
        using var refreshAgain = await _host.SendAsync(HttpMethod.Post, "tokens/refresh", token);
        await AssertError(read, HttpStatusCode.Forbidden, "TokenRevoked");
        await AssertError(refreshAgain, HttpStatusCode.Forbidden, "TokenRevoked");
        await _host.ActivitiesAsync(conversationId, refreshed);
    }

    [Fact]
    public async Task EndOfConversation_FromTheUser_BotToldEveryTokenRefusedStreamClosedTranscriptGone()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();
        var reconnected = await _host.JsonAsync(HttpMethod.Get, $"conversations/{conversationId}?watermark=0", token);
        await using var stream = await ActivityStreamClient.OpenAsync(started["streamUrl"]!.GetValue<string>());
        await stream.ReadUntilAsync(a => a["text"]?.GetValue<string>() == "welcome");

        using (var end = await _host.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, new { type = "endOfConversation", from = new { id = "r_client" } }))
        {
            Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        }

        Assert.Equal("endOfConversation", _host.Bot.Received[^1].Type);
        await stream.WaitForCloseAsync();
        foreach (var credential in new[] { token, reconnected["token"]!.GetValue<string>() })
        {
            using var read = await _host.SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities", credential);
            using var restart = await _host.SendAsync(HttpMethod.Post, "conversations", credential);
            await AssertError(read, HttpStatusCode.Forbidden, "TokenRevoked");
            await AssertError(restart, HttpStatusCode.Forbidden, "TokenRevoked");
        }

        await Assert.ThrowsAsync<WebSocketException>(() => ActivityStreamClient.OpenAsync(reconnected["streamUrl"]!.GetValue<string>()));
        using var gone = await _host.SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities", DirectLineTestHost.Secret);
        await AssertError(gone, HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Fact]
    public async Task TokensRefresh_ExpiredToken_403TokenExpired()
    {
        var (_, token) = await _host.GenerateAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(30));

        using var response = await _host.SendAsync(HttpMethod.Post, "tokens/refresh", token);

        await AssertError(response, HttpStatusCode.Forbidden, "TokenExpired");
    }

    [Fact]
    public async Task StartConversation_Token_201ThenRepeated200_WithStreamUrl_BotToldOnce()
    {
        var (conversationId, token) = await _host.GenerateAsync();

        using var first = await _host.SendAsync(HttpMethod.Post, "conversations", token, new { user = new { id = "r_other" }, locale = "en-GB" });
        using var second = await _host.SendAsync(HttpMethod.Post, "conversations", token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal(["conversationId", "token", "expires_in", "streamUrl"], body.AsObject().Select(p => p.Key));
        Assert.Equal(conversationId, body["conversationId"]!.GetValue<string>());
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
        Assert.StartsWith($"ws://{new Uri(_host.BaseUrl).Authority}/v3/directline/conversations/{conversationId}/stream?t=", body["streamUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var update = Assert.Single(_host.Bot.Received);
        Assert.Equal("conversationUpdate", update.Type);
        Assert.Equal("directline", update.ChannelId);
        Assert.Equal("en-GB", update.Locale);
        Assert.Equal(conversationId, update.Conversation!.Id);
        Assert.Equal(["supportbot", "dl_user-1"], update.MembersAdded!.Select(m => m.Id));
        Assert.Equal("dl_user-1", update.From!.Id);
        Assert.StartsWith("https://directline.invalid/", update.ServiceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartConversation_Secret_NewConversationEachTime()
    {
        var first = await _host.JsonAsync(HttpMethod.Post, "conversations", DirectLineTestHost.Secret, new { user = new { id = "r_client" } });
        var second = await _host.JsonAsync(HttpMethod.Post, "conversations", DirectLineTestHost.Secret);

        Assert.NotEqual(first["conversationId"]!.GetValue<string>(), second["conversationId"]!.GetValue<string>());
        Assert.Equal(2, _host.Bot.Received.Count);
        Assert.Equal("r_client", _host.Bot.Received[0].MembersAdded![1].Id);
        Assert.Equal(["supportbot"], _host.Bot.Received[1].MembersAdded!.Select(m => m.Id));
    }

    [Fact]
    public async Task ConversationUpdate_NotDeliveredToTheClient_ButTheWelcomeIs()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();

        var set = await _host.ActivitiesAsync(conversationId, token);

        var welcome = Assert.Single(set["activities"]!.AsArray())!;
        Assert.Equal("message", welcome["type"]!.GetValue<string>());
        Assert.Equal("welcome", welcome["text"]!.GetValue<string>());
        Assert.Equal("bot", welcome["from"]!["role"]!.GetValue<string>());
        Assert.Equal("supportbot", welcome["from"]!["id"]!.GetValue<string>());
        Assert.Null(welcome["replyToId"]);
        Assert.Null(welcome["serviceUrl"]);
        Assert.Equal($"{conversationId}|0000001", welcome["id"]!.GetValue<string>());
        Assert.Equal("1", set["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostActivity_EchoedWithIdChannelDataAndUserRole_ThenTheBotsReply()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();
        var channelData = new JsonObject { ["clientActivityID"] = "abc123", ["nested"] = new JsonObject { ["keep"] = new JsonArray(1, 2) } };

        var id = await _host.PostMessageAsync(conversationId, token, "hello", new JsonObject
        {
            ["channelData"] = channelData,
            ["channelId"] = "webchat",
            ["id"] = "client-chosen",
            ["locale"] = "en-US",
            ["futureField"] = true,
        });

        Assert.Equal($"{conversationId}|0000002", id);
        var set = await _host.ActivitiesAsync(conversationId, token, watermark: "1");
        var activities = set["activities"]!.AsArray();
        Assert.Equal(2, activities.Count);
        var echo = activities[0]!;
        Assert.Equal(id, echo["id"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(channelData, echo["channelData"]));
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.Equal("dl_user-1", echo["from"]!["id"]!.GetValue<string>());
        Assert.Equal("directline", echo["channelId"]!.GetValue<string>());
        Assert.Equal(conversationId, echo["conversation"]!["id"]!.GetValue<string>());
        Assert.True(echo["futureField"]!.GetValue<bool>());
        Assert.NotNull(echo["timestamp"]);

        var reply = activities[1]!;
        Assert.Equal("echo: hello", reply["text"]!.GetValue<string>());
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.Equal(id, reply["replyToId"]!.GetValue<string>());
        Assert.Equal("dl_user-1", reply["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("again", reply["suggestedActions"]!["actions"]![0]!["title"]!.GetValue<string>());
        Assert.Equal($"{conversationId}|0000004", reply["id"]!.GetValue<string>());
        Assert.Equal("4", set["watermark"]!.GetValue<string>());

        // The bot saw the same id the client was echoed, and the token's user, not the body's.
        var seen = _host.Bot.Received[^1];
        Assert.Equal(id, seen.Id);
        Assert.Equal("dl_user-1", seen.From!.Id);
        Assert.Equal("abc123", seen.ChannelData!.Value.GetProperty("clientActivityID").GetString());
    }

    [Fact]
    public async Task GetActivities_Watermarks_ExactlyTheActivitiesAfterIt_TypingOnlyOnTheStream()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();
        await _host.PostMessageAsync(conversationId, token, "one");
        await _host.PostMessageAsync(conversationId, token, "two");

        var all = await _host.ActivitiesAsync(conversationId, token);
        var afterFour = await _host.ActivitiesAsync(conversationId, token, "4");
        var none = await _host.ActivitiesAsync(conversationId, token, "7");
        var empty = await _host.ActivitiesAsync(conversationId, token, "");

        Assert.Equal(["welcome", "one", "echo: one", "two", "echo: two"], Texts(all));
        Assert.Equal("7", all["watermark"]!.GetValue<string>());
        Assert.Equal(["two", "echo: two"], Texts(afterFour));
        Assert.Empty(none["activities"]!.AsArray());
        Assert.Equal("7", none["watermark"]!.GetValue<string>());
        Assert.Equal(5, empty["activities"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("GET", "conversations/{0}")]
    [InlineData("GET", "conversations/{0}/activities")]
    [InlineData("POST", "conversations/{0}/activities")]
    [InlineData("POST", "conversations/{0}/upload?userId=dl_user-1")]
    public async Task AnotherConversationsToken_403(string method, string route)
    {
        var (conversationA, _, _) = await _host.StartConversationAsync();
        var (_, tokenB, _) = await _host.StartConversationAsync();
        var before = _host.Bot.Received.Count;

        using var response = await _host.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, conversationA), tokenB,
            method == "POST" ? """{"type":"message","text":"hi","from":{"id":"x"}}""" : null);

        await AssertError(response, HttpStatusCode.Forbidden, "Forbidden");
        Assert.Equal(before, _host.Bot.Received.Count);
    }

    [Fact]
    public async Task UnknownConversation_Secret_404ConversationNotFound()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "conversations/nope/activities", DirectLineTestHost.Secret);

        await AssertError(response, HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Fact]
    public async Task Conversation_IdlePastTheTimeout_Forgotten404()
    {
        var (conversationId, _, _) = await _host.StartConversationAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(61));

        using var response = await _host.SendAsync(HttpMethod.Get, $"conversations/{conversationId}/activities", DirectLineTestHost.Secret);

        await AssertError(response, HttpStatusCode.NotFound, "ConversationNotFound");
    }

    [Theory]
    [InlineData("""{"text":"no type","from":{"id":"x"}}""", HttpStatusCode.BadRequest, "MissingProperty")]
    [InlineData("""[1,2]""", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("""{"type":""", HttpStatusCode.BadRequest, "BadArgument")]
    public async Task PostActivity_Malformed_400(string body, HttpStatusCode status, string code)
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();

        using var response = await _host.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, body);

        await AssertError(response, status, code);
    }

    [Fact]
    public async Task PostActivity_SecretWithoutFromId_400MissingProperty()
    {
        var started = await _host.JsonAsync(HttpMethod.Post, "conversations", DirectLineTestHost.Secret);

        using var response = await _host.SendAsync(HttpMethod.Post, $"conversations/{started["conversationId"]}/activities", DirectLineTestHost.Secret, """{"type":"message","text":"hi"}""");

        await AssertError(response, HttpStatusCode.BadRequest, "MissingProperty");
    }

    [Fact]
    public async Task PostActivity_OverTheSizeLimit_413MessageSizeTooBig()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();

        using var response = await _host.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token,
            $$"""{"type":"message","text":"{{new string('a', 70_000)}}"}""");

        await AssertError(response, HttpStatusCode.RequestEntityTooLarge, "MessageSizeTooBig");
    }

    [Fact]
    public async Task PostActivity_BotThrowsPastTheAdapter_502BotRejectedActivity()
    {
        _host.Services.GetRequiredService<BotAdapter>().OnTurnError = null;
        var (conversationId, token, _) = await _host.StartConversationAsync();

        using var response = await _host.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token,
            """{"type":"message","text":"explode","from":{"id":"x"}}""");

        await AssertError(response, HttpStatusCode.BadGateway, "BotRejectedActivity");
    }

    [Fact]
    public async Task PostActivity_HostStopsDuringTheTurn_TurnStillCompletesAndIsAnswered()
    {
        var (conversationId, token, _) = await _host.StartConversationAsync();
        var posting = _host.SendAsync(HttpMethod.Post, $"conversations/{conversationId}/activities", token, """{"type":"message","text":"slow","from":{"id":"x"}}""");
        for (var i = 0; i < 100 && !_host.Bot.Received.Any(a => a.Text == "slow"); i++)
        {
            await Task.Delay(50);
        }

        // Shutting down drains requests in flight; it must not cancel the turn and answer 500.
        var lifetime = _host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        lifetime.StopApplication();
        for (var i = 0; i < 100 && !lifetime.ApplicationStopping.IsCancellationRequested; i++)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        _host.Bot.Gate.Release();
        using var response = await posting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await _host.Services.GetRequiredService<IDirectLineStore>().ReadAsync(conversationId, 0, 100, default);
        Assert.Contains(page!.Activities, a => a.Json.Contains("echo: slow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconnect_WithAndWithoutWatermark_FreshTokenAndStreamUrl()
    {
        var (conversationId, token, started) = await _host.StartConversationAsync();

        var reconnected = await _host.JsonAsync(HttpMethod.Get, $"conversations/{conversationId}?watermark=", token);
        using var bad = await _host.SendAsync(HttpMethod.Get, $"conversations/{conversationId}?watermark=abc", token);

        Assert.Equal(conversationId, reconnected["conversationId"]!.GetValue<string>());
        Assert.NotEqual(token, reconnected["token"]!.GetValue<string>());
        Assert.NotEqual(started["streamUrl"]!.GetValue<string>(), reconnected["streamUrl"]!.GetValue<string>());
        await AssertError(bad, HttpStatusCode.BadRequest, "BadArgument");
    }

    [Fact]
    public async Task Cors_Preflight_AllowsTheHeadersDirectLineJsSends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v3/directline/conversations");
        request.Headers.Add("Origin", "https://www.example.test");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,accept,x-ms-bot-agent");

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "accept", "x-ms-bot-agent" })
        {
            Assert.Contains(header, allowed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Secrets_ShorterThan32Characters_RefusedAtStartUp()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => DirectLineTestHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:Secrets:0"] = "short" }));

        Assert.Contains("DirectLine:Secrets:0 must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }

    internal static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal(["error"], body.AsObject().Select(p => p.Key));
        Assert.Equal(code, body["error"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["error"]!["message"]!.GetValue<string>()));
    }

    private static List<string> Texts(JsonNode set) =>
        set["activities"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()).ToList();
}
