using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using SupportBot.Limits;
using SupportBot.Tests.Api;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Limits;

/// <summary>
/// The per-client limits (429) and the host's capacity (503) on the real host on loopback, each with a small
/// limit set for the test; every refusal carries Retry-After and a ProblemDetails body.
/// </summary>
public sealed class RequestLimitsTests
{
    private const string Secret = "limits-test-secret-0123456789-abcdefghij";

    public static TheoryData<string, string, string> LimitedRoutes => new()
    {
        { "Conversations", "POST", "/api/directline/token" },
        { "Conversations", "POST", "/v3/directline/conversations" },
        { "Conversations", "POST", "/v3/directline/tokens/generate" },
        { "Messages", "POST", "/api/ask" },
        { "Messages", "POST", "/v3/directline/conversations/abc/activities" },
        { "Searches", "GET", "/api/search?q=free%20offer" },
        { "Reads", "GET", "/v3/directline/conversations/abc/activities" },
        { "Reads", "POST", "/v3/directline/tokens/refresh" },
    };

    [Theory]
    [MemberData(nameof(LimitedRoutes))]
    public async Task Route_OverItsClientLimit_429WithRetryAfterAndProblemDetails(string policy, string method, string path)
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { [$"RateLimits:{policy}:PermitLimit"] = "2" });

        // Whatever the first two get (a Direct Line route without credentials answers 401), they count.
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await SendAsync(host, method, path);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await SendAsync(host, method, path);

        var problem = await AgentsApiTests.AssertProblem(refused, HttpStatusCode.TooManyRequests);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains(policy.ToLowerInvariant(), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var probe = await host.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Limits_CountedPerPolicy_OneRunOutLeavesTheOthers()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:Messages:PermitLimit"] = "1" });
        using var first = await AskAsync(host);
        using var second = await AskAsync(host);

        using var search = await host.Http.GetAsync("/api/search?q=offer");
        using var token = await host.Http.PostAsync("/api/directline/token", null);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], new[] { first.StatusCode, second.StatusCode });
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        BotHost.DeleteData(host.DataFolder);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ForwardedFor_CountedPerForwardedClientOnlyWhenForwardedHeadersAreEnabled(bool enabled)
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Messages:PermitLimit"] = "2",
            ["FORWARDEDHEADERS_ENABLED"] = enabled ? "true" : "false",
        });

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await AskAsync(host, forwardedFor: "203.0.113.7");
            first.Add(response.StatusCode);
        }

        using var other = await AskAsync(host, forwardedFor: "198.51.100.23");
        using var otherV6 = await AskAsync(host, forwardedFor: "2001:db8:1:2::7");
        using var sameV6Network = await AskAsync(host, forwardedFor: "2001:db8:1:2::8");
        using var sameV6NetworkAgain = await AskAsync(host, forwardedFor: "2001:db8:1:2:ffff::1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        if (enabled)
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal(HttpStatusCode.OK, otherV6.StatusCode);
            Assert.Equal(HttpStatusCode.OK, sameV6Network.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, sameV6NetworkAgain.StatusCode);
        }
        else
        {
            // Without the setting the header is anyone's to write, so it is ignored: all of it is loopback.
            Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        }

        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task DirectLineSecret_ServerHoldingItNotLimitedPerClient_WrongGuessesAre()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:Conversations:PermitLimit"] = "2",
            ["DirectLine:Secrets:0"] = Secret,
        });

        var withSecret = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var started = await SendAsync(host, "POST", "/v3/directline/conversations", bearer: Secret);
            withSecret.Add(started.StatusCode);
        }

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var guess = await SendAsync(host, "POST", "/v3/directline/conversations", bearer: Secret[..^1] + "X");
            guesses.Add(guess.StatusCode);
        }

        Assert.All(withSecret, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests], guesses);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task PerClientOff_NoClientLimits()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:PerClient"] = "false",
            ["RateLimits:Messages:PermitLimit"] = "1",
        });

        for (var i = 0; i < 3; i++)
        {
            using var response = await AskAsync(host);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task MessagingEndpoint_ChannelTrafficFromOneAddress_NotLimitedPerClient()
    {
        await using var channel = await FakeChannel.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["RateLimits:Messages:PermitLimit"] = "1" });

        for (var i = 0; i < 3; i++)
        {
            using var response = await host.PostActivityAsync(Payloads.WebChatMessage(channel.ServiceUrl, "when did updates stop", id: $"Gx1dd3ab|{i:0000000}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, channel.Messages.Count);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Endpoints_EachPublicRouteUnderItsPolicy_ProbesAndChannelTrafficUnderNone()
    {
        var expected = new Dictionary<string, string?>
        {
            ["POST /api/ask"] = RequestLimits.Messages,
            ["GET /api/search"] = RequestLimits.Searches,
            ["POST /api/directline/token"] = RequestLimits.Conversations,
            ["POST /v3/directline/tokens/generate"] = RequestLimits.Conversations,
            ["POST /v3/directline/conversations"] = RequestLimits.Conversations,
            ["POST /v3/directline/tokens/refresh"] = RequestLimits.Reads,
            ["GET /v3/directline/conversations/{conversationId}"] = RequestLimits.Reads,
            ["GET /v3/directline/conversations/{conversationId}/activities"] = RequestLimits.Reads,
            ["POST /v3/directline/conversations/{conversationId}/activities"] = RequestLimits.Messages,
            ["POST /v3/directline/conversations/{conversationId}/upload"] = RequestLimits.Messages,
            ["* /v3/directline/conversations/{conversationId}/stream"] = RequestLimits.Reads,
            ["* /api/messages"] = null,
            ["GET /api/webchat/suggestions"] = null,
            ["GET /"] = null,
            ["GET /agent"] = null,
        };
        await using var app = SupportBot.Hosting.SupportBotHost.Build(["--urls", "http://127.0.0.1:0"]);

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .ToDictionary(
                e => $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.RoutePattern.RawText!.TrimStart('/')}",
                e => e);

        foreach (var (route, policy) in expected)
        {
            Assert.True(endpoints.TryGetValue(route, out var endpoint), $"{route} is not mapped; mapped: {string.Join("; ", endpoints.Keys)}");
            Assert.Equal(policy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        }

        Assert.All(
            endpoints.Where(e => e.Key.Contains("/v3/directline", StringComparison.Ordinal)),
            e => Assert.NotNull(e.Value.Metadata.GetMetadata<EnableRateLimitingAttribute>()));
        Assert.All(
            endpoints.Where(e => e.Key.EndsWith("/healthz", StringComparison.Ordinal) || e.Key.EndsWith("/readyz", StringComparison.Ordinal)),
            e => Assert.NotNull(e.Value.Metadata.GetMetadata<DisableRateLimitingAttribute>()));
    }

    [Fact]
    public async Task Overload_AllPlacesTakenAndNoQueue_503WithRetryAfter_ProbesAndLaterRequestsStillServed()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:MaxConcurrentRequests"] = "1",
            ["RateLimits:QueueLimit"] = "0",
            ["RateLimits:OverloadRetryAfter"] = "00:00:07",
        });
        using var gauge = new RateLimiterGauge(host.Services);
        using var stalled = new StalledBody();
        var holding = host.Http.PostAsync("/api/ask", stalled);
        await RateLimiterGauge.WaitUntilAsync(() => gauge.Active == 1, "the stalled request holds the only place");

        using var ask = await AskAsync(host);
        using var messages = await host.PostActivityAsync(Payloads.WebChatMessage("http://127.0.0.1:9/", "hello"));
        using var page = await host.Http.GetAsync("/css/site.css");
        using var healthz = await host.Http.GetAsync("/healthz");
        using var readyz = await host.Http.GetAsync("/readyz");

        await AgentsApiTests.AssertProblem(ask, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("7", ask.Headers.GetValues("Retry-After").Single());
        await AgentsApiTests.AssertProblem(messages, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);

        // Three refusals, one warning: a line per refused request would flood the log when it matters most.
        var warning = Assert.Single(host.Logs.Lines, l => l.EventId == 3401);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("RateLimits:MaxConcurrentRequests", warning.Message, StringComparison.Ordinal);

        stalled.Release();
        using (var held = await holding)
        {
            Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        }

        using var after = await AskAsync(host);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        BotHost.DeleteData(host.DataFolder);
    }

    [Fact]
    public async Task Overload_QueueFull_503ForTheNext_QueuedOneServedWhenAPlaceFrees()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:MaxConcurrentRequests"] = "1",
            ["RateLimits:QueueLimit"] = "1",
        });
        using var gauge = new RateLimiterGauge(host.Services);
        using var stalled = new StalledBody();
        var holding = host.Http.PostAsync("/api/ask", stalled);
        await RateLimiterGauge.WaitUntilAsync(() => gauge.Active == 1, "the stalled request holds the only place");
        var queued = AskAsync(host);
        await RateLimiterGauge.WaitUntilAsync(() => gauge.QueuedCount == 1, "the second request waits in the queue");

        using var shed = await AskAsync(host);

        await AgentsApiTests.AssertProblem(shed, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("5", shed.Headers.GetValues("Retry-After").Single());
        Assert.False(queued.IsCompleted);
        stalled.Release();
        using var held = await holding;
        using var served = await queued;
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        BotHost.DeleteData(host.DataFolder);
    }

    [Theory]
    [InlineData("RateLimits:Messages:PermitLimit", "0")]
    [InlineData("RateLimits:Reads:Window", "00:00:00")]
    [InlineData("RateLimits:MaxConcurrentRequests", "0")]
    [InlineData("RateLimits:QueueLimit", "-1")]
    [InlineData("RateLimits:OverloadRetryAfter", "00:00:00")]
    public async Task Start_InvalidLimit_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => BotHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> AskAsync(BotHost host, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask")
        {
            Content = new StringContent("""{"question":"when did updates stop"}""", Encoding.UTF8, "application/json"),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return SendDisposingAsync(host, request);
    }

    private static Task<HttpResponseMessage> SendAsync(BotHost host, string method, string path, string? bearer = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return SendDisposingAsync(host, request);
    }

    private static async Task<HttpResponseMessage> SendDisposingAsync(BotHost host, HttpRequestMessage request)
    {
        using (request)
        {
            return await host.Http.SendAsync(request);
        }
    }
}
