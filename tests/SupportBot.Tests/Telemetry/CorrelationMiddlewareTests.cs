using System.Diagnostics;
using System.Net.Http.Json;
using SupportBot.Telemetry;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Telemetry;

/// <summary>Correlation ids on the real host: taken from the caller, or the W3C trace, returned, and on every line a request logs.</summary>
public sealed class CorrelationMiddlewareTests(LoggedHostFixture fixture) : IClassFixture<LoggedHostFixture>
{
    private readonly ScopedLogCapture _logs = fixture.Logs;
    private readonly BotHost _host = fixture.Host;

    [Fact]
    public async Task AskApi_CorrelationHeader_ReturnedAndOnEveryLineOfTheRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "when did updates stop?" }) };
        request.Headers.Add(CorrelationMiddleware.HeaderName, "agent-desk:7f3a-01");

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal("agent-desk:7f3a-01", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
        var lines = _logs.Lines.Where(l => l.Scope("CorrelationId").Contains("agent-desk:7f3a-01")).ToList();
        Assert.Contains(lines, l => l.EventId == 3802 && l.Message.StartsWith("POST /api/ask answered 200 in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_TraceparentOnly_TraceIdIsTheCorrelationId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(traceId, response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
        Assert.Contains(_logs.Lines, l => l.EventId == 3802 && l.Scope("CorrelationId").Contains(traceId));
    }

    [Fact]
    public async Task Request_NoHeaders_EachGetsAFreshTraceId()
    {
        using var first = await _host.Http.GetAsync("/healthz");
        using var second = await _host.Http.GetAsync("/healthz");

        var ids = new[] { first, second }.Select(r => r.Headers.GetValues(CorrelationMiddleware.HeaderName).Single()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("quote\"and<angle>")]
    [InlineData("semi;colon")]
    [InlineData("slash/and\\back")]
    public async Task Request_UnsafeCorrelationHeader_IgnoredForTheTraceId(string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation(CorrelationMiddleware.HeaderName, value);

        using var response = await _host.Http.SendAsync(request);

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
    }

    [Fact]
    public async Task Request_OverlongCorrelationHeader_Ignored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add(CorrelationMiddleware.HeaderName, new string('a', 129));

        using var response = await _host.Http.SendAsync(request);

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
    }

    [Fact]
    public async Task ErrorResponse_StillCarriesTheCorrelationId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(CorrelationMiddleware.HeaderName, "bad-request-1");

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("bad-request-1", response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
    }
}
