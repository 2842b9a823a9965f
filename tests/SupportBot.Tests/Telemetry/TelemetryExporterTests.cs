using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SupportBot.Telemetry;
using SupportBot.Tests.Privacy;
using SupportBot.Tests.Support;

namespace SupportBot.Tests.Telemetry;

/// <summary>
/// OTLP export from the real host to a collector on loopback: configured by <c>Telemetry:OtlpEndpoint</c> or
/// the standard variable, it posts protobuf metrics and traces holding the bot's and ASP.NET Core's
/// instruments and spans, flushed when the host stops, without query strings or customer text.
/// </summary>
public sealed class TelemetryExporterTests
{
    [Fact]
    public async Task Export_EndpointConfigured_MetricsAndTracesPostedWithTheInstrumentAndSpanNames()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var channel = await FakeChannel.StartAsync();
        var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = collector.Endpoint });
        string streamToken;
        try
        {
            using (var asked = await host.PostActivityAsync(Payloads.WebChatMessage(channel.ServiceUrl, "when did kaspersky updates stop?")))
            {
                Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            }

            using (var ask = await host.Http.PostAsJsonAsync("/api/ask", new { question = RedactingStoresTests.Question }))
            {
                Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
            }

            using (var search = await host.Http.GetAsync("/api/search?q=" + Uri.EscapeDataString(RedactingStoresTests.Email)))
            {
                Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            }

            var chat = await DirectLinePageChat.StartAsync(host.Http);
            streamToken = Uri.UnescapeDataString(new Uri(chat.StreamUrl).Query["?t=".Length..]);
            using var stream = new System.Net.WebSockets.ClientWebSocket();
            await stream.ConnectAsync(new Uri(chat.StreamUrl), default);
            await chat.PostAsync("hello");
            await stream.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, default);
        }
        finally
        {
            // Stopping flushes what the providers hold.
            await host.DisposeAsync();
            BotHost.DeleteData(host.DataFolder);
        }

        Assert.All(collector.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
        var metrics = collector.Bodies("metrics");
        foreach (var name in new[]
        {
            SupportBotTelemetry.QuestionsAnswered, SupportBotTelemetry.AnswerConfidence, SupportBotTelemetry.AnswerDuration,
            SupportBotTelemetry.TurnDuration, SupportBotTelemetry.DirectLineActiveConversations,
            "http.server.request.duration", "kestrel.active_connections", "service.name", "SupportBot",
        })
        {
            Assert.True(OtlpRequest.Contains(metrics, name), $"metrics lack {name}");
        }

        var traces = collector.Bodies("traces");
        foreach (var name in new[] { SupportBotTelemetry.TurnSpan, SupportBotTelemetry.AnswerSpan, "/api/ask", "supportbot.correlation_id", "SupportBot" })
        {
            Assert.True(OtlpRequest.Contains(traces, name), $"traces lack {name}");
        }

        foreach (var secret in new[] { streamToken, RedactingStoresTests.Email, Uri.EscapeDataString(RedactingStoresTests.Email), "4111 1111", "?t=", "?q=" })
        {
            Assert.False(OtlpRequest.Contains(metrics, secret) || OtlpRequest.Contains(traces, secret), $"exported '{secret}'");
        }
    }

    [Fact]
    public async Task Export_StandardVariableOnly_Honoured()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var host = await BotHost.StartAsync(new Dictionary<string, string?> { [TelemetryOptions.EndpointVariable] = collector.Endpoint + "/" });
        try
        {
            using var ask = await host.Http.PostAsJsonAsync("/api/ask", new { question = "hi" });
            Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        }
        finally
        {
            await host.DisposeAsync();
            BotHost.DeleteData(host.DataFolder);
        }

        Assert.True(OtlpRequest.Contains(collector.Bodies("metrics"), SupportBotTelemetry.QuestionsAnswered));
        Assert.True(OtlpRequest.Contains(collector.Bodies("traces"), SupportBotTelemetry.AnswerSpan));
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4318")]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://collector:4318")]
    [InlineData("Telemetry:Protocol", "thrift")]
    [InlineData("Telemetry:MetricExportInterval", "00:00:00.100")]
    [InlineData("Telemetry:ServiceName", " ")]
    public async Task StartUp_BadTelemetrySetting_RefusedNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => BotHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
