using Microsoft.Extensions.Logging;

namespace SupportBot.BotFramework.Connector;

internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Warning, "Connector call failed (status {StatusCode}, exception {ExceptionType}); retry {Attempt} in {Delay}.")]
    public static partial void Retrying(ILogger logger, int? statusCode, string? exceptionType, int attempt, TimeSpan delay);

    [LoggerMessage(1101, LogLevel.Error, "Connector {Method} {Operation} failed with status {StatusCode}, error code {ErrorCode}, correlation id {CorrelationId}.")]
    public static partial void CallFailed(ILogger logger, string method, string operation, int statusCode, string? errorCode, string? correlationId);

    [LoggerMessage(1102, LogLevel.Error, "Connector {Method} {Operation} failed without a response.")]
    public static partial void CallFailedWithoutResponse(ILogger logger, string method, string operation, Exception exception);
}
