using Microsoft.Extensions.Options;

namespace SupportBot.Telemetry;

/// <summary>Where OpenTelemetry metrics and traces are exported (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The standard variable honoured when <see cref="OtlpEndpoint"/> is empty.</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard variable honoured when <see cref="Protocol"/> is not set.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>OTLP over HTTP with protobuf bodies (the default): <c>/v1/metrics</c> and <c>/v1/traces</c> are appended to the endpoint.</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>OTLP over gRPC: the endpoint is used as it is.</summary>
    public const string Grpc = "grpc";

    /// <summary>
    /// The OTLP collector's base address, e.g. <c>http://localhost:4318</c>. Empty (the default) exports
    /// nothing, unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> when not set.</summary>
    public string? Protocol { get; set; }

    /// <summary>How often metrics are pushed. Default one minute; at least one second. Everything is also flushed at shutdown.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The <c>service.name</c> of exported data. Default <c>SupportBot</c>.</summary>
    public string ServiceName { get; set; } = "SupportBot";

    /// <summary>True when an endpoint is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>The effective protocol.</summary>
    public string EffectiveProtocol => string.IsNullOrWhiteSpace(Protocol) ? HttpProtobuf : Protocol.Trim().ToLowerInvariant();

    /// <summary>Where one signal (<c>v1/metrics</c>, <c>v1/traces</c>) is sent, per the OTLP exporter specification.</summary>
    public Uri SignalEndpoint(string signalPath)
    {
        var endpoint = OtlpEndpoint!.Trim();
        return EffectiveProtocol == Grpc ? new Uri(endpoint) : new Uri(endpoint.TrimEnd('/') + "/" + signalPath);
    }
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    internal static readonly TimeSpan MinExportInterval = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var section = TelemetryOptions.SectionName;
        var failures = new List<string>();
        if (options.Enabled
            && (!Uri.TryCreate(options.OtlpEndpoint!.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{section}:{nameof(TelemetryOptions.OtlpEndpoint)} (or {TelemetryOptions.EndpointVariable}) must be an absolute http(s) URL such as http://localhost:4318, or empty to export nothing.");
        }

        if (options.EffectiveProtocol is not (TelemetryOptions.HttpProtobuf or TelemetryOptions.Grpc))
        {
            failures.Add($"{section}:{nameof(TelemetryOptions.Protocol)} (or {TelemetryOptions.ProtocolVariable}) must be {TelemetryOptions.HttpProtobuf} or {TelemetryOptions.Grpc}, not '{options.Protocol}'.");
        }

        if (options.MetricExportInterval < MinExportInterval)
        {
            failures.Add($"{section}:{nameof(TelemetryOptions.MetricExportInterval)} must be at least {MinExportInterval:c}.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add($"{section}:{nameof(TelemetryOptions.ServiceName)} must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
