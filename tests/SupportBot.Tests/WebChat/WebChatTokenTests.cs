using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// POST /api/directline/token: what the page gets (a single-conversation token, never a secret), the rate
/// limit and origin check that guard it, and the exchange with Azure's Direct Line when a secret is configured.
/// </summary>
public sealed class WebChatTokenTests
{
    private const string Secret = "self-hosted-secret-never-in-a-page-0123456789";
    private const string AzureSecret = "azure-direct-line-secret-never-in-a-page-42";

    [Fact]
    public async Task Token_SelfHosted_SingleConversationTokenForTheBuiltInDirectLine()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:Secrets:0"] = Secret });

        using var response = await host.Http.PostAsync("/api/directline/token", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!;
        Assert.Equal(["token", "conversationId", "expires_in", "userId", "domain"], body.AsObject().Select(p => p.Key));
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
        Assert.Equal($"{host.BaseUrl}/v3/directline", body["domain"]!.GetValue<string>());
        var userId = body["userId"]!.GetValue<string>();
        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);
        Assert.Equal(userId, Claims(body["token"]!.GetValue<string>())["user"]!.GetValue<string>());

        // The token starts exactly its own conversation.
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body["token"]!.GetValue<string>());
        using var started = await host.Http.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(body["conversationId"]!.GetValue<string>(), JsonNode.Parse(await started.Content.ReadAsStringAsync())!["conversationId"]!.GetValue<string>());
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Token_OverTheRateLimit_429WithRetryAfter()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:Conversations:PermitLimit"] = "2" });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await host.Http.PostAsync("/api/directline/token", null);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
        last.Dispose();
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Token_FromAnotherSitesPage_403_UnlessAllowed()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["WebChat:AllowedOrigins:0"] = "https://www.example.test" });

        using var foreign = await PostWithOrigin(host, "https://evil.example.test");
        using var allowed = await PostWithOrigin(host, "https://www.example.test");
        using var own = await PostWithOrigin(host, host.BaseUrl);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://www.example.test", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Token_AzureSecretConfigured_ExchangedWithAzuresTokensGenerate()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync(HttpStatusCode.OK);
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["DirectLine:AzureSecret"] = AzureSecret,
            ["DirectLine:AzureEndpoint"] = azure.Domain,
        });

        using var response = await host.Http.PostAsync("/api/directline/token", null);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(AzureSecret, text, StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("azure-token-1", body["token"]!.GetValue<string>());
        Assert.Equal("azure-conversation-1", body["conversationId"]!.GetValue<string>());
        Assert.Equal(1800, body["expires_in"]!.GetValue<int>());
        Assert.Equal(azure.Domain, body["domain"]!.GetValue<string>());

        var request = Assert.Single(azure.Requests);
        Assert.Equal("POST /v3/directline/tokens/generate", request.Target);
        Assert.Equal($"Bearer {AzureSecret}", request.Authorization);
        Assert.Equal(body["userId"]!.GetValue<string>(), JsonNode.Parse(request.Body)!["user"]!["id"]!.GetValue<string>());
        Assert.StartsWith("dl_", body["userId"]!.GetValue<string>(), StringComparison.Ordinal);

        // The chat page may then talk to Azure's Direct Line.
        using var page = await host.Http.GetAsync("/");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"connect-src 'self' ws://{new Uri(host.BaseUrl).Authority} {new Uri(azure.Domain).GetLeftPart(UriPartial.Authority)} wss://{new Uri(azure.Domain).Authority}", policy, StringComparison.Ordinal);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Token_AzureRefuses_502ProblemAndTheSecretIsNeverLogged()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync(HttpStatusCode.Forbidden);
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["DirectLine:AzureSecret"] = AzureSecret,
            ["DirectLine:AzureEndpoint"] = azure.Domain,
        });

        using var response = await host.Http.PostAsync("/api/directline/token", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(AzureSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, l => l.ToString().Contains("refused the token exchange with status 403", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.ToString().Contains(AzureSecret, StringComparison.Ordinal));
        BotHost.DeleteData(host.DataFolder);
    }

    private static async Task<HttpResponseMessage> PostWithOrigin(BotHost host, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/directline/token");
        request.Headers.Add("Origin", origin);
        return await host.Http.SendAsync(request);
    }

    private static JsonNode Claims(string token) => JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!;

    /// <summary>Plays Azure's Direct Line tokens/generate on loopback, recording what the host sends.</summary>
    private sealed class FakeAzureDirectLine : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Target, string? Authorization, string Body)> _requests = new();
        private WebApplication _app = null!;

        public string Domain { get; private set; } = "";

        public IReadOnlyList<(string Target, string? Authorization, string Body)> Requests => _requests.ToList();

        public static async Task<FakeAzureDirectLine> StartAsync(HttpStatusCode status)
        {
            var fake = new FakeAzureDirectLine();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            fake._app = builder.Build();
            fake._app.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                fake._requests.Enqueue(($"{context.Request.Method} {context.Request.Path}", context.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(status == HttpStatusCode.OK
                    ? """{"conversationId":"azure-conversation-1","token":"azure-token-1","expires_in":1800}"""
                    : """{"error":{"code":"BadArgument","message":"Invalid secret"}}""");
            });
            await fake._app.StartAsync();
            fake.Domain = fake._app.Urls.First().TrimEnd('/') + "/v3/directline";
            return fake;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
