using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SupportBot.Telemetry;

/// <summary>
/// Exports metrics and traces over OTLP when <see cref="TelemetryOptions.OtlpEndpoint"/> is set: the bot's
/// own meter and spans, ASP.NET Core's request metrics and spans, Kestrel's connections, the rate limiter,
/// outbound HTTP and the runtime. Built with the SDK's own builders (the hosting extensions are not served
/// here) when the host starts, flushed and shut down when it stops.
/// </summary>
internal sealed class TelemetryExporter(IOptions<TelemetryOptions> options, SupportBotTelemetry instruments, ILogger<TelemetryExporter> logger) : IHostedService, IDisposable
{
    /// <summary>Meters exported.</summary>
    public static readonly string[] Meters =
    [
        SupportBotTelemetry.Name,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Runtime",
    ];

    /// <summary>Activity sources exported.</summary>
    public static readonly string[] Sources = [SupportBotTelemetry.Name, "Microsoft.AspNetCore", "System.Net.Http"];

    private MeterProvider? _meters;
    private TracerProvider? _tracer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Taken so the instruments (the Direct Line gauge among them) exist from start-up, not from the first turn.
        GC.KeepAlive(instruments);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            Log.ExportDisabled(logger);
            return Task.CompletedTask;
        }

        var protocol = settings.EffectiveProtocol == TelemetryOptions.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var resource = ResourceBuilder.CreateDefault().AddService(settings.ServiceName, serviceVersion: SupportBotTelemetry.Source.Version);

        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Meters)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = settings.SignalEndpoint("v1/metrics");
                exporter.Protocol = protocol;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.MetricExportInterval.TotalMilliseconds;
            })
            .Build();
        _tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Sources)
            .AddProcessor(new QueryStringScrubber())
            .AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = settings.SignalEndpoint("v1/traces");
                exporter.Protocol = protocol;
            })
            .Build();

        var endpoint = new Uri(settings.OtlpEndpoint!.Trim());
        Log.ExportEnabled(logger, $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}", settings.EffectiveProtocol);
        return Task.CompletedTask;
    }

    // Runs after the server has stopped taking requests, so the last flush holds every request's data.
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing a provider flushes what it holds, then shuts its exporter down.
        _tracer?.Dispose();
        _tracer = null;
        _meters?.Dispose();
        _meters = null;
    }

    /// <summary>
    /// Drops query strings from span tags before export: the Direct Line stream URL carries its token in
    /// <c>?t=</c> and <c>/api/search?q=</c> carries customer text.
    /// </summary>
    internal sealed class QueryStringScrubber : BaseProcessor<Activity>
    {
        private static readonly string[] UrlTags = ["url.full", "http.url", "http.target"];

        public override void OnEnd(Activity data)
        {
            if (data.GetTagItem("url.query") is not null)
            {
                data.SetTag("url.query", null);
            }

            foreach (var tag in UrlTags)
            {
                if (data.GetTagItem(tag) is string url && url.IndexOf('?', StringComparison.Ordinal) is var question and >= 0)
                {
                    data.SetTag(tag, url[..question]);
                }
            }
        }
    }
}
