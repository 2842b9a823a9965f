using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.BotFramework;
using SupportBot.Tests.Api;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Bot;

/// <summary>
/// <c>/api/messages</c> with authentication on (tokens from the test's own channel authority), fed bodies and
/// activities no channel should send: each gets a 4xx ProblemDetails with nothing processed, or a harmless
/// reply (200, 501 for an unknown invoke, as the protocol asks), never a 500 or the "something went wrong" of a
/// failed turn.
/// </summary>
public sealed class MessagingEndpointBadInputTests(MessagingEndpointBadInputTests.AuthenticatedHost fixture) : IClassFixture<MessagingEndpointBadInputTests.AuthenticatedHost>
{
    private const string TurnFailed = "went wrong";

    public static TheoryData<string, string?, string, int> BadBodies => new()
    {
        { "malformed JSON", "application/json", """{"type":"message","text":"hi""", 400 },
        { "an array", "application/json", "[]", 400 },
        { "empty body", "application/json", "", 400 },
        { "no type", "application/json", """{"text":"hi","channelId":"msteams"}""", 400 },
        { "null type", "application/json", """{"type":null}""", 400 },
        { "number type", "application/json", """{"type":5}""", 400 },
        { "number text", "application/json", """{"type":"message","text":5}""", 400 },
        { "string from", "application/json", """{"type":"message","text":"hi","from":"me"}""", 400 },
        { "no conversation", "application/json", """{"type":"message","text":"hi","conversation":null}""", 400 },
        { "conversation without an id", "application/json", """{"type":"message","text":"hi","conversation":{"name":"x"}}""", 400 },
        { "no serviceUrl", "application/json", """{"type":"message","text":"hi","conversation":{"id":"a"}}""", 400 },
        { "relative serviceUrl", "application/json", """{"type":"message","text":"hi","conversation":{"id":"a"},"serviceUrl":"/v3/"}""", 400 },
        { "file serviceUrl", "application/json", """{"type":"message","text":"hi","conversation":{"id":"a"},"serviceUrl":"file:///etc/passwd"}""", 400 },
        { "boolean membersAdded", "application/json", """{"type":"conversationUpdate","membersAdded":true}""", 400 },
        { "deeply nested", "application/json", """{"type":"message","text":"hi","channelData":""" + new string('[', 1000) + new string(']', 1000) + "}", 400 },
        { "escaped half a surrogate pair", "application/json", """{"type":"message","text":"hi","conversation":{"id":"a"},"value":{"question":"\ud800x"}}""", 400 },
        { "null member", "application/json", """{"type":"conversationUpdate","conversation":{"id":"a"},"serviceUrl":"http://127.0.0.1:9/","membersAdded":[null]}""", 400 },
        { "null entity", "application/json", """{"type":"message","text":"hi","conversation":{"id":"a"},"serviceUrl":"http://127.0.0.1:9/","entities":[null]}""", 400 },
        { "text/plain", "text/plain", """{"type":"message","text":"hi"}""", 415 },
        { "form", "application/x-www-form-urlencoded", "type=message&text=hi", 415 },
        { "no content type", null, """{"type":"message","text":"hi"}""", 415 },
        { "over 1 MiB", "application/json", """{"type":"message","text":"hi","channelData":{"pad":""" + "\"" + new string('x', 1_100_000) + "\"}}", 413 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Activity_BadBody_4xxProblemDetailsAndNothingProcessed(string what, string? contentType, string body, int status)
    {
        fixture.Channel.Clear();

        using var response = await PostRawAsync(Encoding.UTF8.GetBytes(body), contentType);

        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode}");
        await AgentsApiTests.AssertProblem(response, (HttpStatusCode)status);
        Assert.Empty(fixture.Channel.Requests);
    }

    [Theory]
    [InlineData(1_100_000, false)]
    [InlineData(5_000_000, true)]
    public async Task Activity_OverTheSizeLimit_413_TheNextRequestOnTheSameClientIsServed(int size, bool expectContinue)
    {
        fixture.Channel.Clear();
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["type"] = "message", ["text"] = new string('x', size) }.ToJsonString());

        for (var i = 0; i < 3; i++)
        {
            // A client sending a large body should ask first (Expect: 100-continue); then none of it is sent.
            using var refused = await PostRawAsync(body, "application/json", expectContinue);
            using var served = await fixture.PostAsync(Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, "when did updates stop"));

            await AgentsApiTests.AssertProblem(refused, HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
    }

    [Fact]
    public async Task Activity_InvalidUtf8_400AndNothingProcessed()
    {
        fixture.Channel.Clear();
        var prefix = Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, "PLACEHOLDER").ToJsonString().Split("PLACEHOLDER");
        byte[] body = [.. Encoding.UTF8.GetBytes(prefix[0]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(prefix[1])];

        using var response = await PostRawAsync(body, "application/json");

        await AgentsApiTests.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Empty(fixture.Channel.Requests);
    }

    public static TheoryData<string, string> OddQuestions => new()
    {
        { "control characters", "\u0001\u0007when did\u0000 updates\u001b[31m stop\u007f\u009b" },
        { "markup", "<script>alert(1)</script><img src=x onerror=alert(2)> **bold** [link](javascript:alert(3)) <at>someone</at>" },
        { "right-to-left and combining marks", "\u202Eمتى توقفت التحديثات\u202C e\u0301\u0301\u0301 \u200F" },
        { "emoji", "🛡️🇺🇸 updates? 👍🏽 👨‍👩‍👧" },
        { "only whitespace and invisible", " \t\n\u200b\u00a0\u2060 " },
    };

    [Theory]
    [MemberData(nameof(OddQuestions))]
    public async Task Message_OddText_AnsweredAndNothingEchoedAsMarkup(string what, string text)
    {
        fixture.Channel.Clear();

        using var response = await fixture.PostAsync(Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(fixture.Channel.Messages).Body;
        Assert.DoesNotContain(TurnFailed, reply, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", reply, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(fixture.Channel.Messages[0].Text), what);
    }

    [Theory]
    [InlineData(2_001)]
    [InlineData(200_000)]
    public async Task Message_OverTheQuestionLimit_FriendlyAskToShortenNotAnAnswer(int length)
    {
        fixture.Channel.Clear();
        var text = string.Concat(Enumerable.Repeat("when did updates stop? ", (length / 23) + 1))[..(length - 1)] + "?";

        using var response = await fixture.PostAsync(Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(fixture.Channel.Messages);
        Assert.Equal("That message is too long for me to answer well. Please ask one question in fewer than 2,000 characters.", reply.Text);
        Assert.Null(reply.Json!["attachments"]);
        Assert.DoesNotContain(fixture.Channel.Requests, r => r.Type == "typing");
    }

    [Fact]
    public async Task Message_ExactlyAtTheQuestionLimit_Answered()
    {
        fixture.Channel.Clear();
        var text = ("when did kaspersky updates stop " + new string('x', 2_000))[..2_000];

        using var response = await fixture.PostAsync(Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("too long", Assert.Single(fixture.Channel.Messages).Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, int> OddActivities => new()
    {
        { "unknown type", """{"type":"fooBar","text":"hi"}""", 200 },
        { "unknown event", """{"type":"event","name":"no/such-event","value":{"a":1}}""", 200 },
        { "unknown invoke", """{"type":"invoke","name":"no/such-invoke","value":{}}""", 501 },
        { "invoke without a name", """{"type":"invoke","value":{}}""", 501 },
        { "search with a string value", """{"type":"invoke","name":"composeExtension/query","value":"when"}""", 400 },
        { "search with wrong-typed parameters", """{"type":"invoke","name":"composeExtension/query","value":{"parameters":5}}""", 400 },
        { "search with null parameters", """{"type":"invoke","name":"composeExtension/query","value":{"commandId":"searchFaq","parameters":null}}""", 200 },
        { "search with a huge skip", """{"type":"invoke","name":"composeExtension/query","value":{"commandId":"searchFaq","parameters":[{"name":"query","value":"offer"}],"queryOptions":{"skip":2147483647,"count":2147483647}}}""", 200 },
        { "search with negative paging", """{"type":"invoke","name":"composeExtension/query","value":{"commandId":"searchFaq","parameters":[{"name":"query","value":"offer"}],"queryOptions":{"skip":-5,"count":-5}}}""", 200 },
        { "select item with null", """{"type":"invoke","name":"composeExtension/selectItem","value":null}""", 400 },
        { "select item of nothing known", """{"type":"invoke","name":"composeExtension/selectItem","value":{"id":"no-such-document","kind":"faq"}}""", 200 },
        { "feedback with wrong types", """{"type":"message","value":{"action":"feedback","helpful":"maybe","answerId":5}}""", 200 },
        { "ask with an object question", """{"type":"message","value":{"action":"ask","question":{"nested":true}}}""", 200 },
        { "array value", """{"type":"message","value":[1,2,3]}""", 200 },
        { "reaction", """{"type":"messageReaction","reactionsAdded":[{"type":"like"}],"replyToId":"x"}""", 200 },
        { "members added empty", """{"type":"conversationUpdate","membersAdded":[]}""", 200 },
        { "members added without ids", """{"type":"conversationUpdate","membersAdded":[{},{"name":"x"}]}""", 200 },
        { "number timestamp (tolerated: the bot never reads it)", """{"type":"message","text":"when did updates stop","timestamp":5}""", 200 },
        { "unparseable timestamp", """{"type":"message","text":"when did updates stop","timestamp":"yesterday","localTimestamp":{}}""", 200 },
        { "message without from", """{"type":"message","text":"when did updates stop","from":null}""", 200 },
        { "mention entity of the wrong shape", """{"type":"message","text":"<at>SupportBot</at> offer","entities":[{"type":"mention","mentioned":5,"text":7}]}""", 200 },
        { "mention entity without mentioned", """{"type":"message","text":"<at>SupportBot</at> offer","entities":[{"type":"mention","text":"<at>SupportBot</at>"}]}""", 200 },
    };

    [Theory]
    [MemberData(nameof(OddActivities))]
    public async Task Activity_UnknownOrMalformedKinds_HarmlessAnswer(string what, string overrides, int status)
    {
        fixture.Channel.Clear();
        var logged = fixture.Host.Logs.Lines.Count;
        var activity = Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, "x");
        activity.Remove("text");
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            activity[key] = value?.DeepClone();
        }

        using var response = await fixture.PostAsync(activity);

        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain(fixture.Channel.Messages, m => m.Text.Contains(TurnFailed, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Host.Logs.Lines.Skip(logged), l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Activity_UnknownTypeFromAChannel_NothingSent()
    {
        fixture.Channel.Clear();
        var activity = Payloads.TeamsPersonal(fixture.Channel.ServiceUrl, "hi");
        activity["type"] = "fooBar";

        using var response = await fixture.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Channel.Requests);
    }

    private async Task<HttpResponseMessage> PostRawAsync(byte[] body, string? contentType, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Headers.ExpectContinue = expectContinue;
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Authority.CreateToken(fixture.Channel.ServiceUrl));
        return await fixture.Host.Http.SendAsync(request);
    }

    /// <summary>A host with a MicrosoftAppId, its channel authority, and a fake channel to reply to.</summary>
    public sealed class AuthenticatedHost : IAsyncLifetime
    {
        internal FakeChannel Channel { get; private set; } = null!;

        internal ChannelAuthority Authority { get; private set; } = null!;

        internal BotHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Channel = await FakeChannel.StartAsync();
            Authority = await ChannelAuthority.StartAsync();
            var thumbprint = Authority.Certificate.Thumbprint;
            Host = await BotHost.StartAsync(Authority.HostSettings(), services =>
                services.AddHttpClient(BotFrameworkHttpClients.Token).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
                }));
        }

        internal Task<HttpResponseMessage> PostAsync(JsonNode activity) =>
            Host.PostActivityAsync(activity, Authority.CreateToken(Channel.ServiceUrl));

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await Authority.DisposeAsync();
            await Channel.DisposeAsync();
            BotHost.DeleteData(Host.DataFolder);
        }
    }
}
