using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using SupportBot.Telemetry;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Telemetry;

/// <summary>
/// The bot's instruments and spans on the real host, read with the runtime's own MeterListener and
/// ActivityListener while customers ask, rate answers and chat, and while a channel refuses replies.
/// </summary>
public sealed class SupportBotTelemetryTests(ChannelHostFixture fixture) : IClassFixture<ChannelHostFixture>
{
    private readonly BotHost _host = fixture.Host;
    private readonly FakeChannel _channel = fixture.Channel;

    [Fact]
    public async Task ChatAndApi_QuestionsAndFeedback_RecordedWithKindAndChannel()
    {
        using var metrics = new MetricCapture(_host.Services);
        _channel.Clear();

        await PostAsync(Payloads.WebChatMessage(_channel.ServiceUrl, "when did kaspersky updates stop?"));
        var card = ReplyAssert.Card(_channel.Messages[^1].Json!);
        var no = ReplyAssert.Actions(card, "Action.Submit").Single(a => !a["data"]!["helpful"]!.GetValue<bool>())["data"]!;
        await PostAsync(Payloads.WebChatSubmit(_channel.ServiceUrl, no.DeepClone()));
        await PostAsync(Payloads.TeamsPersonal(_channel.ServiceUrl, "what's the weather like tomorrow in Paris"));
        using (var ask = await _host.Http.PostAsJsonAsync("/api/ask", new { question = "why was kaspersky banned?" }))
        {
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }

        var answered = metrics.Of(SupportBotTelemetry.QuestionsAnswered);
        Assert.Equal(
            [("faq", "directline"), ("fallback", "msteams"), ("faq", "api")],
            answered.Select(m => (m.Tag("kind"), m.Tag("channel"))));
        Assert.All(answered, m => Assert.Equal(1, m.Value));
        Assert.Equal([("msteams", 1.0)], metrics.Of(SupportBotTelemetry.Fallbacks).Select(m => (m.Tag("channel"), m.Value)));

        var confidence = metrics.Of(SupportBotTelemetry.AnswerConfidence);
        Assert.Equal(answered.Select(m => m.Tags), confidence.Select(m => m.Tags));
        Assert.All(confidence, m => Assert.InRange(m.Value, 0, 1));
        Assert.True(confidence[0].Value > confidence[1].Value, "an FAQ answer is surer than a fallback");
        Assert.All(metrics.Of(SupportBotTelemetry.AnswerDuration), m => Assert.InRange(m.Value, double.Epsilon, 5));

        Assert.Equal([("False", "directline", 1.0)], metrics.Of(SupportBotTelemetry.Feedback).Select(m => (m.Tag("helpful"), m.Tag("channel"), m.Value)));

        var turns = metrics.Of(SupportBotTelemetry.TurnDuration);
        Assert.Equal(3, turns.Count);
        Assert.All(turns, m => Assert.Equal(("message", "ok"), (m.Tag("activity.type"), m.Tag("outcome"))));

        // ASP.NET Core's own request metric, on the same meter factory, with the route.
        Assert.Contains(metrics.Of("http.server.request.duration"), m => m.Tag("http.route") == "/api/ask" && m.Tag("http.response.status_code") == "200");
    }

    [Fact]
    public async Task UnknownChannelId_CountedAsOther()
    {
        using var metrics = new MetricCapture(_host.Services);
        var inbound = Payloads.EmulatorMessage(_channel.ServiceUrl, "when did updates stop");
        inbound["channelId"] = "made-up-" + Guid.NewGuid().ToString("N");

        await PostAsync(inbound);

        Assert.Equal("other", Assert.Single(metrics.Of(SupportBotTelemetry.QuestionsAnswered)).Tag("channel"));
    }

    [Fact]
    public async Task DirectLine_ConversationsStarted_ActiveGaugeCountsThem()
    {
        using var metrics = new MetricCapture(_host.Services);
        metrics.Observe();
        var before = metrics.Of(SupportBotTelemetry.DirectLineActiveConversations).Single().Value;

        var first = await DirectLinePageChat.StartAsync(_host.Http);
        await first.PostAsync("hello");
        await DirectLinePageChat.StartAsync(_host.Http);
        metrics.Observe();

        Assert.Equal(before + 2, metrics.Of(SupportBotTelemetry.DirectLineActiveConversations)[^1].Value);
    }

    [Fact]
    public async Task ChannelRefusesReplies_ConnectorFailureAndFailedTurnRecorded()
    {
        await using var failing = await FailingChannel.StartAsync(StatusCodes.Status503ServiceUnavailable);
        using var metrics = new MetricCapture(_host.Services);

        await PostAsync(Payloads.WebChatMessage(failing.ServiceUrl, "when did updates stop"));

        // The typing indicator, then the turn-error apology: each refused after its retry.
        var failures = metrics.Of(SupportBotTelemetry.ConnectorFailures);
        Assert.NotEmpty(failures);
        Assert.All(failures, m => Assert.Equal(("reply", "503"), (m.Tag("operation"), m.Tag("error.type"))));
        Assert.True(failing.Calls >= 2 * failures.Count, $"{failing.Calls} calls for {failures.Count} failures: retried first");
        Assert.Equal("error", Assert.Single(metrics.Of(SupportBotTelemetry.TurnDuration)).Tag("outcome"));
    }

    [Fact]
    public async Task Turn_WithTraceparent_RequestTurnAndAnswerSpansInTheCallersTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SupportBotTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(Payloads.WebChatMessage(_channel.ServiceUrl, "when did kaspersky updates stop?")),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        using (var response = await _host.Http.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(traceId.ToHexString(), response.Headers.GetValues(CorrelationMiddleware.HeaderName).Single());
        }

        // The fake channel's request spans share the trace too (the host propagates it on its replies).
        var server = await SpanAsync(spans, "Microsoft.AspNetCore.Hosting.HttpRequestIn", callerSpan);
        var turn = await SpanAsync(spans, SupportBotTelemetry.TurnSpan, server.SpanId);
        var answer = await SpanAsync(spans, SupportBotTelemetry.AnswerSpan, turn.SpanId);
        Assert.Equal(turn.SpanId, answer.ParentSpanId);
        Assert.Equal(("message", "directline"), (turn.GetTagItem("supportbot.activity.type") as string, turn.GetTagItem("supportbot.channel") as string));
        Assert.Equal(("faq", "updates-stopped"), (answer.GetTagItem("supportbot.answer.kind") as string, answer.GetTagItem("supportbot.answer.document_id") as string));
        Assert.InRange((double)answer.GetTagItem("supportbot.answer.confidence")!, 0.5, 1);
        Assert.True(answer.StartTimeUtc >= turn.StartTimeUtc && answer.Duration <= turn.Duration, "the answer span lies within the turn");
        Assert.Equal(ActivityStatusCode.Unset, turn.Status);
    }

    private async Task PostAsync(System.Text.Json.Nodes.JsonNode activity)
    {
        using var response = await _host.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Spans stop as their scopes close; the request span can stop just after the response is read.
    private static async Task<Activity> SpanAsync(ConcurrentQueue<Activity> spans, string name, ActivitySpanId parent)
    {
        for (var i = 0; i < 100; i++)
        {
            if (spans.FirstOrDefault(s => s.OperationName == name && s.ParentSpanId == parent) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"No '{name}' span under {parent}; saw {string.Join(", ", spans.Select(s => $"{s.OperationName} {s.SpanId} < {s.ParentSpanId}"))}.");
    }
}
