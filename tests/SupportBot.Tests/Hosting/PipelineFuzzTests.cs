using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Connector;
using SupportBot.Tests.Support;
using Xunit.Abstractions;

namespace SupportBot.Tests.Hosting;

/// <summary>
/// Random questions and random or mutated activities through the whole pipeline of the real host on loopback:
/// <c>/api/ask</c>, <c>/api/messages</c> (replies to a fake channel) and Direct Line posts. Whatever comes in:
/// no 5xx (but the protocol's 501 for an invoke it does not know), every response and every reply well-formed,
/// no failed turn, and the host still healthy and answering afterwards. Seeds are fixed, plus one from the
/// clock that is printed; set <c>SUPPORTBOT_FUZZ_SEED</c> to replay one.
/// </summary>
public sealed class PipelineFuzzTests(ITestOutputHelper output)
{
    private const int Rounds = 120;
    private static readonly HashSet<string> AnswerKinds = ["faq", "passage", "clarify", "fallback", "smalltalk"];

    [Theory]
    [InlineData(20240929)]
    [InlineData(7)]
    public Task Pipeline_RandomInput_NoServerErrorAndStillHealthy(int seed) => RunAsync(seed);

    [Fact]
    public Task Pipeline_RandomInputFromTodaysSeed_NoServerErrorAndStillHealthy()
    {
        var seed = Environment.GetEnvironmentVariable("SUPPORTBOT_FUZZ_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : (int)(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() % int.MaxValue);
        output.WriteLine($"fuzz seed {seed} (replay with SUPPORTBOT_FUZZ_SEED={seed})");
        return RunAsync(seed);
    }

    private static async Task RunAsync(int seed)
    {
        var fuzz = new FuzzInput(new Random(seed));
        await using var channel = await FakeChannel.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:PerClient"] = "false" });
        var (conversationId, token) = await StartDirectLineAsync(host);
        var logged = host.Logs.Lines.Count;
        var templates = new[]
        {
            Payloads.WebChatMessage(channel.ServiceUrl, "x"),
            Payloads.TeamsPersonal(channel.ServiceUrl, "x"),
            Payloads.TeamsChannelMention(channel.ServiceUrl, "x"),
            Payloads.ComposeExtensionQuery(channel.ServiceUrl, "query", "x"),
            Payloads.TeamsBotAddedToTeam(channel.ServiceUrl),
            Payloads.EmulatorMessage(channel.ServiceUrl, "x"),
        };

        for (var round = 0; round < Rounds; round++)
        {
            var what = "";
            try
            {
                var question = fuzz.Question();
                what = $"/api/ask {JsonSerializer.Serialize(Shorten(question))}";
                await AskAsync(host, fuzz.Bytes(new JsonObject { ["question"] = question }));

                var activity = fuzz.Activity(templates[fuzz.Random.Next(templates.Length)]);
                what = $"/api/messages {Shorten(activity.ToJsonString())}";
                await PostActivityAsync(host, activity, fuzz.Bytes(activity));

                var posted = fuzz.Activity(templates[0]);
                posted.Remove("serviceUrl");
                what = $"Direct Line {Shorten(posted.ToJsonString())}";
                await PostDirectLineAsync(host, conversationId, token, fuzz.Bytes(posted));
                if (posted["type"] is JsonValue postedType && postedType.TryGetValue<string>(out var ended) && ended == "endOfConversation")
                {
                    // The customer ended the chat, so its tokens are revoked: go on in a new one.
                    (conversationId, token) = await StartDirectLineAsync(host);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var errors = host.Logs.Lines.Skip(logged).Where(l => l.Level >= LogLevel.Error).TakeLast(3);
                Assert.Fail($"seed {seed}, round {round}: {what}\n{ex}\nhost errors:\n{string.Join('\n', errors)}");
            }
        }

        {
            var transcript = await ReadJsonAsync(host, HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities", token, expect: HttpStatusCode.OK);
            Assert.True(transcript["activities"] is JsonArray, $"seed {seed}: the transcript is not an ActivitySet");
            // A reply the channel refuses (Kestrel answers 400 to a conversation id with a NUL in it) is the
            // channel's verdict on garbage ids, reported by the Connector client; anything else is the bot's.
            var failures = host.Logs.Lines.Skip(logged)
                .Where(l => l.Level >= LogLevel.Error && l.Exception is not ConnectorException && !l.Category.EndsWith(".ConnectorClient", StringComparison.Ordinal))
                .ToList();
            Assert.True(failures.Count == 0, $"seed {seed}: {string.Join('\n', failures)}");
            Assert.All(channel.Requests, r => AssertReplyWellFormed(r, seed));
        }

        // Still healthy, and still answering on every path.
        using (var healthz = await host.Http.GetAsync("/healthz"))
        using (var readyz = await host.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
            Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        }

        var answer = await AskAsync(host, Encoding.UTF8.GetBytes("""{"question":"when did kaspersky updates stop"}"""));
        Assert.Equal("faq", answer!["kind"]!.GetValue<string>());
        channel.Clear();
        using (var turn = await host.PostActivityAsync(Payloads.TeamsPersonal(channel.ServiceUrl, "when did kaspersky updates stop")))
        {
            Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
            Assert.Contains("September 29, 2024", Assert.Single(channel.Messages).Text, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonNode?> AskAsync(BotHost host, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await host.Http.PostAsync("/api/ask", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {text}");
        if (!response.IsSuccessStatusCode)
        {
            AssertProblem(response, text);
            return null;
        }

        var answer = JsonNode.Parse(text)!;
        Assert.Contains(answer["kind"]!.GetValue<string>(), AnswerKinds);
        Assert.InRange(answer["confidence"]!.GetValue<double>(), 0, 1);
        Assert.False(string.IsNullOrWhiteSpace(answer["answer"]!.GetValue<string>()));
        return answer;
    }

    private static async Task PostActivityAsync(BotHost host, JsonObject activity, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var invoke = activity["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "invoke";
        Assert.True((int)response.StatusCode < 500 || (invoke && response.StatusCode == HttpStatusCode.NotImplemented), $"{(int)response.StatusCode} {text}");
        if ((int)response.StatusCode >= 400 && !invoke)
        {
            AssertProblem(response, text);
        }
        else if (text.Length > 0)
        {
            Assert.NotNull(JsonNode.Parse(text));
        }
    }

    private static async Task PostDirectLineAsync(BotHost host, string conversationId, string token, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} {text}");
        var json = JsonNode.Parse(text)!;
        var field = response.IsSuccessStatusCode ? json["id"] : json["error"]?["code"];
        Assert.True(field is JsonValue value && !string.IsNullOrEmpty(value.GetValue<string>()), $"{(int)response.StatusCode} {text}");
    }

    private static async Task<(string ConversationId, string Token)> StartDirectLineAsync(BotHost host)
    {
        using var issued = await host.Http.PostAsync("/api/directline/token", null);
        var body = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        var token = body["token"]!.GetValue<string>();
        await ReadJsonAsync(host, HttpMethod.Post, "/v3/directline/conversations", token, expect: HttpStatusCode.Created);
        return (body["conversationId"]!.GetValue<string>(), token);
    }

    private static async Task<JsonNode> ReadJsonAsync(BotHost host, HttpMethod method, string path, string token, HttpStatusCode expect)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(expect, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static void AssertProblem(HttpResponseMessage response, string text)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)response.StatusCode, JsonNode.Parse(text)!["status"]!.GetValue<int>());
    }

    /// <summary>What the bot sent the channel: an activity with a type; a message has text or a card, and is no apology for a failed turn.</summary>
    private static void AssertReplyWellFormed(ChannelRequest request, int seed)
    {
        var reply = request.Json!;
        var type = reply["type"]!.GetValue<string>();
        Assert.True(type is "message" or "typing", $"seed {seed}: {request.Body}");
        if (type == "message")
        {
            Assert.True(!string.IsNullOrWhiteSpace(reply["text"]?.GetValue<string>()) || reply["attachments"] is JsonArray { Count: > 0 }, $"seed {seed}: {request.Body}");
            Assert.DoesNotContain("went wrong", request.Body, StringComparison.Ordinal);
        }
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
