namespace SupportBot.Telemetry;

// Never customer text, tokens or the collector's credentials: the endpoint is logged as scheme, host and port.
internal static partial class Log
{
    [LoggerMessage(3800, LogLevel.Information, "Exporting OpenTelemetry metrics and traces to {Endpoint} over {Protocol}.")]
    public static partial void ExportEnabled(ILogger logger, string endpoint, string protocol);

    [LoggerMessage(3801, LogLevel.Debug, "OpenTelemetry export is off (Telemetry:OtlpEndpoint is empty).")]
    public static partial void ExportDisabled(ILogger logger);

    [LoggerMessage(3802, LogLevel.Debug, "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms.")]
    public static partial void RequestFinished(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
