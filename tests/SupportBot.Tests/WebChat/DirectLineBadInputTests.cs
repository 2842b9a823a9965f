using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Tests.Api;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// The website chat's public surface in the real host (the page's token endpoint and the self-hosted Direct
/// Line) fed bad input and bad credentials: each gets a clear 4xx in the protocol's error shape (Direct Line's
/// <c>{"error":{"code","message"}}</c>, ProblemDetails on the host's own routes) or a harmless reply, never a 500.
/// The host signs tokens with a key the test knows, so it can forge them.
/// </summary>
public sealed class DirectLineBadInputTests(DirectLineBadInputTests.HostFixture fixture) : IClassFixture<DirectLineBadInputTests.HostFixture>
{
    private static readonly byte[] SigningKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private const string TokenHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    private readonly BotHost _host = fixture.Host;

    public static TheoryData<string, string?, string, int> BadActivities => new()
    {
        { "malformed JSON", "application/json", """{"type":"message","text":"hi""", 400 },
        { "an array", "application/json", """[{"type":"message","text":"hi"}]""", 400 },
        { "null", "application/json", "null", 400 },
        { "a string", "application/json", "\"hi\"", 400 },
        { "empty body", "application/json", "", 400 },
        { "no type", "application/json", """{"text":"when did updates stop"}""", 400 },
        { "null type", "application/json", """{"type":null,"text":"hi"}""", 400 },
        { "number type", "application/json", """{"type":5,"text":"hi"}""", 400 },
        { "number text", "application/json", """{"type":"message","text":5}""", 400 },
        { "object text", "application/json", """{"type":"message","text":{"a":1}}""", 400 },
        { "string from", "application/json", """{"type":"message","text":"hi","from":"me"}""", 400 },
        { "string attachments", "application/json", """{"type":"message","text":"hi","attachments":"x"}""", 400 },
        { "deeply nested", "application/json", """{"type":"message","text":"hi","channelData":""" + new string('[', 500) + new string(']', 500) + "}", 400 },
        { "escaped half a surrogate pair", "application/json", """{"type":"message","text":"hi \udc00","value":{"q":"\ud800"}}""", 400 },
        { "null entity", "application/json", """{"type":"message","text":"hi","entities":[null]}""", 400 },
        { "text/plain", "text/plain", """{"type":"message","text":"hi"}""", 415 },
        { "form", "application/x-www-form-urlencoded", "type=message&text=hi", 415 },
        { "no content type", null, """{"type":"message","text":"hi"}""", 415 },
        { "over 64 KiB", "application/json", """{"type":"message","text":"hi","channelData":{"pad":""" + "\"" + new string('x', 70_000) + "\"}}", 413 },
    };

    [Theory]
    [MemberData(nameof(BadActivities))]
    public async Task PostActivity_BadBody_4xxErrorResponseAndTheConversationStillWorks(string what, string? contentType, string body, int status)
    {
        var (conversationId, token) = await StartAsync();

        using var response = await PostRawAsync(conversationId, token, Encoding.UTF8.GetBytes(body), contentType);

        await AssertDirectLineError(response, status, what);
        await AssertStillAnswersAsync(conversationId, token);
    }

    [Fact]
    public async Task PostActivity_InvalidUtf8_400ErrorResponse()
    {
        var (conversationId, token) = await StartAsync();
        byte[] body = [.. """{"type":"message","text":"when did """u8, 0xC3, 0x28, 0xFF, 0xFE, .. """ updates stop"}"""u8];

        using var response = await PostRawAsync(conversationId, token, body, "application/json");

        await AssertDirectLineError(response, 400, "invalid UTF-8");
        await AssertStillAnswersAsync(conversationId, token);
    }

    [Fact]
    public async Task StartConversation_InvalidUtf8InTheUser_400ErrorResponse()
    {
        using var issued = await _host.Http.PostAsync("/api/directline/token", null);
        var token = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
        {
            Content = new ByteArrayContent([.. """{"user":{"id":"dl_"""u8, 0xFF, 0xC3, 0x28, .. "\",\"name\":\"x\"},\"locale\":\"en-US\"}"u8]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await _host.Http.SendAsync(request);

        await AssertDirectLineError(response, 400, "invalid UTF-8 on start");
    }

    public static TheoryData<string, string> OddMessages => new()
    {
        { "control characters", "\u0001\u0007when did\u0000 updates\u001b[31m stop\u007f\u009b" },
        { "markup", "<script>alert(1)</script><img src=x onerror=alert(2)> **bold** [link](javascript:alert(3)) when did updates stop" },
        { "right-to-left and combining marks", "\u202Eمتى توقفت التحديثات\u202C e\u0301\u0301\u0301 \u200F" },
        { "emoji", "🛡️🇺🇸 updates? 👍🏽 👨‍👩‍👧" },
    };

    [Theory]
    [MemberData(nameof(OddMessages))]
    public async Task PostActivity_OddText_AnsweredAndNothingEchoedAsMarkup(string what, string text)
    {
        var (conversationId, token) = await StartAsync();

        var replies = await PostAndReadRepliesAsync(conversationId, token, text);

        var reply = Assert.Single(replies, r => r["type"]!.GetValue<string>() == "message");
        var shown = reply.ToJsonString();
        Assert.DoesNotContain("<script", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", shown, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>()), what);
    }

    [Fact]
    public async Task PostActivity_MessageOverTheQuestionLimit_FriendlyAskToShorten()
    {
        var (conversationId, token) = await StartAsync();

        var replies = await PostAndReadRepliesAsync(conversationId, token, string.Join(' ', Enumerable.Repeat("when did kaspersky updates stop", 400)));

        var reply = Assert.Single(replies, r => r["type"]!.GetValue<string>() == "message");
        Assert.Contains("too long", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2,000 characters", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(reply["attachments"]);
    }

    [Theory]
    [InlineData("""{"type":"fooBar","text":"hi"}""")]
    [InlineData("""{"type":"event","name":"no/such-event","value":{"a":[1,2]}}""")]
    [InlineData("""{"type":"invoke","name":"no/such-invoke","value":{}}""")]
    [InlineData("""{"type":"invoke","name":"composeExtension/query","value":"not an object"}""")]
    [InlineData("""{"type":"messageReaction","reactionsAdded":[{"type":"like"}]}""")]
    [InlineData("""{"type":"message","value":{"action":"feedback","helpful":"maybe","answerId":5}}""")]
    [InlineData("""{"type":"message","value":{"action":"ask","question":{"nested":true}}}""")]
    [InlineData("""{"type":"message","value":[1,2,3]}""")]
    public async Task PostActivity_UnknownOrMalformedKinds_AcceptedAndHarmless(string activity)
    {
        var (conversationId, token) = await StartAsync();

        using var response = await PostRawAsync(conversationId, token, Encoding.UTF8.GetBytes(activity), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>()));
        var errors = (await ActivitiesAsync(conversationId, token))
            .Where(a => a["text"]?.GetValue<string>()?.Contains("went wrong", StringComparison.Ordinal) == true);
        Assert.Empty(errors);
        await AssertStillAnswersAsync(conversationId, token);
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "signed with another key",
        "alg none",
        "alg HS512 header",
        "payload changed after signing",
        "signature cut short",
        "stream token as conversation token",
        "not base64",
        "10 KB of garbage",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Token_Forged_403AndNothingPosted(string how)
    {
        var (conversationId, token) = await StartAsync();
        var expires = TimeProvider.System.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds();
        var payload = Payload("conversation", conversationId, expires);
        var forged = how switch
        {
            "signed with another key" => Sign(TokenHeader, payload, RandomNumberGenerator.GetBytes(32)),
            "alg none" => $"{B64("""{"alg":"none","typ":"JWT"}""")}.{payload}.",
            "alg HS512 header" => Sign(B64("""{"alg":"HS512","typ":"JWT"}"""), payload, SigningKey),
            "payload changed after signing" => ReplacePayload(token, Payload("conversation", conversationId, expires + 86_400)),
            "signature cut short" => token[..^4],
            "stream token as conversation token" => StreamToken(await StartedConversationAsync(token)),
            "not base64" => $"{TokenHeader}.!!!.???",
            "10 KB of garbage" => new string('A', 10_000),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        using var response = await PostRawAsync(conversationId, forged, Encoding.UTF8.GetBytes("""{"type":"message","text":"hi"}"""), "application/json");

        await AssertDirectLineError(response, 403, how);
        Assert.DoesNotContain(await ActivitiesAsync(conversationId, token), a => a["text"]?.GetValue<string>() == "hi");
    }

    [Fact]
    public async Task Token_Expired_403TokenExpiredEverywhere_AndCannotBeRefreshed()
    {
        var (conversationId, token) = await StartAsync();
        var expired = Sign(TokenHeader, Payload("conversation", conversationId, TimeProvider.System.GetUtcNow().AddSeconds(-1).ToUnixTimeSeconds()), SigningKey);

        using var post = await PostRawAsync(conversationId, expired, Encoding.UTF8.GetBytes("""{"type":"message","text":"hi"}"""), "application/json");
        using var read = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", expired);
        using var reconnect = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}", expired);
        using var refresh = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", expired);

        foreach (var response in new[] { post, read, reconnect, refresh })
        {
            var error = await AssertDirectLineError(response, 403, response.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Equal("TokenExpired", error["code"]!.GetValue<string>());
        }

        // The same claims signed with a later expiry (the only difference) work: the host checked the expiry.
        var fresh = Sign(TokenHeader, Payload("conversation", conversationId, TimeProvider.System.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()), SigningKey);
        using var ok = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Token_Refreshed_NewOneWorks_OldOneOnlyUntilItsOwnExpiry()
    {
        var (conversationId, token) = await StartAsync();

        using var refreshed = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var fresh = JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(token, fresh);
        Assert.Equal(conversationId, Claims(fresh)["conv"]!.GetValue<string>());
        Assert.True(Claims(fresh)["exp"]!.GetValue<long>() >= Claims(token)["exp"]!.GetValue<long>());
        await AssertStillAnswersAsync(conversationId, fresh);

        // As in Azure's Direct Line, a refresh does not revoke the old token; it still expires when it said.
        using var old = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Theory]
    [InlineData("POST", "activities")]
    [InlineData("GET", "activities")]
    [InlineData("GET", "")]
    [InlineData("POST", "upload")]
    public async Task Token_OfAnotherConversation_403(string method, string route)
    {
        var (mine, myToken) = await StartAsync();
        var (theirs, _) = await StartAsync();
        var path = $"/v3/directline/conversations/{theirs}" + (route.Length > 0 ? "/" + route : "");

        using var response = await SendAsync(new HttpMethod(method), path, myToken, method == "POST" ? """{"type":"message","text":"hi"}""" : null);

        await AssertDirectLineError(response, 403, path);
        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public async Task Token_GenerateRouteWithAToken_403()
    {
        var (_, token) = await StartAsync();

        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/tokens/generate", token, "{}");

        await AssertDirectLineError(response, 403, "tokens/generate");
    }

    [Fact]
    public async Task TokenEndpoint_BodyOverTheLimit_413ProblemDetails()
    {
        using var content = new ByteArrayContent(new byte[4096]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _host.Http.PostAsync("/api/directline/token", content);

        await AgentsApiTests.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task TokenEndpoint_Get_405()
    {
        using var response = await _host.Http.GetAsync("/api/directline/token");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<(string ConversationId, string Token)> StartAsync()
    {
        using var issued = await _host.Http.PostAsync("/api/directline/token", null);
        var body = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var token = body["token"]!.GetValue<string>();
        await StartedConversationAsync(token);
        return (body["conversationId"]!.GetValue<string>(), token);
    }

    private async Task<JsonNode> StartedConversationAsync(string token)
    {
        using var started = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.True(started.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, started.StatusCode.ToString());
        return JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
    }

    private static string StreamToken(JsonNode started) =>
        Uri.UnescapeDataString(new Uri(started["streamUrl"]!.GetValue<string>()).Query.Split("t=")[1]);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _host.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string conversationId, string token, byte[] body, string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        request.Content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await _host.Http.SendAsync(request);
    }

    private async Task<List<JsonNode>> ActivitiesAsync(string conversationId, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray().Select(a => a!).ToList();
    }

    /// <summary>Posts a message and returns what the bot sent after it (the turn runs before the POST answers).</summary>
    private async Task<List<JsonNode>> PostAndReadRepliesAsync(string conversationId, string token, string text)
    {
        using var posted = await SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token, new JsonObject { ["type"] = "message", ["text"] = text }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var id = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        return (await ActivitiesAsync(conversationId, token))
            .SkipWhile(a => a["id"]!.GetValue<string>() != id)
            .Skip(1)
            .Where(a => a["from"]?["role"]?.GetValue<string>() == "bot")
            .ToList();
    }

    private async Task AssertStillAnswersAsync(string conversationId, string token)
    {
        var replies = await PostAndReadRepliesAsync(conversationId, token, "when did updates stop");
        Assert.Contains(replies, r => r["text"]?.GetValue<string>()?.Contains("September 29, 2024", StringComparison.Ordinal) == true);
    }

    private static async Task<JsonNode> AssertDirectLineError(HttpResponseMessage response, int status, string what)
    {
        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.False(string.IsNullOrWhiteSpace(error["code"]!.GetValue<string>()), what);
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()), what);
        return error;
    }

    private static string Payload(string scope, string conversationId, long expires) =>
        B64(new JsonObject { ["scope"] = scope, ["conv"] = conversationId, ["user"] = "dl_forged", ["iat"] = expires - 1800, ["exp"] = expires }.ToJsonString());

    private static string Sign(string header, string payload, byte[] key) =>
        $"{header}.{payload}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{header}.{payload}")))}";

    private static string ReplacePayload(string token, string payload)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{payload}.{parts[2]}";
    }

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static JsonNode Claims(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;

    /// <summary>
    /// One host for the class, signing tokens with <see cref="SigningKey"/>. Its per-client limits are raised:
    /// every test here starts conversations from the same address, and the limits have tests of their own.
    /// </summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        internal BotHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["DirectLine:TokenSigningKey"] = Convert.ToBase64String(SigningKey),
            ["RateLimits:PerClient"] = "false",
        });

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            BotHost.DeleteData(Host.DataFolder);
        }
    }
}
