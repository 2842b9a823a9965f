using Microsoft.Extensions.Logging;

namespace SupportBot.BotFramework.Connector;

internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Warning, "Connector call failed (status {StatusCode}, exception {ExceptionType}); retry {Attempt} in {Delay}.")]
    public static partial void Retrying(ILogger logger, int? statusCode, string? exceptionType, int attempt, TimeSpan delay);

    [LoggerMessage(1101, LogLevel.Error, "Connector {Method} {Operation} gave up after {Attempts} attempt(s) in {ElapsedMs:0} ms: status {StatusCode}, error code {ErrorCode}, correlation id {CorrelationId}.")]
    public static partial void CallFailed(ILogger logger, string method, string operation, int attempts, double elapsedMs, int statusCode, string? errorCode, string? correlationId);

    [LoggerMessage(1102, LogLevel.Error, "Connector {Method} {Operation} gave up after {Attempts} attempt(s) in {ElapsedMs:0} ms without a response ({Reason}).")]
    public static partial void CallFailedWithoutResponse(ILogger logger, string method, string operation, int attempts, double elapsedMs, string reason, Exception exception);

    [LoggerMessage(1103, LogLevel.Warning, "Connector answered {StatusCode} asking for {RetryAfter} before a retry, beyond the {Remaining} left of the call's budget; not retrying.")]
    public static partial void RetryAfterBeyondBudget(ILogger logger, int statusCode, TimeSpan retryAfter, TimeSpan remaining);
}
