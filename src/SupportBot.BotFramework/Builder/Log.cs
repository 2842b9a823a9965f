using Microsoft.Extensions.Logging;

namespace SupportBot.BotFramework.Builder;

internal static partial class Log
{
    [LoggerMessage(1200, LogLevel.Warning, "Rejected request to the messaging endpoint with {StatusCode}: {Reason}.")]
    public static partial void RequestRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(1201, LogLevel.Warning, "Rejected unauthenticated activity from channel {ChannelId}: {Reason}.")]
    public static partial void AuthenticationFailed(ILogger logger, string? channelId, string reason);

    [LoggerMessage(1202, LogLevel.Error, "Turn failed for a {ActivityType} activity on channel {ChannelId}.")]
    public static partial void TurnFailed(ILogger logger, string? activityType, string? channelId, Exception exception);

    [LoggerMessage(1203, LogLevel.Error, "Could not tell the user that the turn failed.")]
    public static partial void TurnErrorReplyFailed(ILogger logger, Exception exception);

    [LoggerMessage(1204, LogLevel.Error, "Could not reset the conversation state after a failed turn.")]
    public static partial void StateResetFailed(ILogger logger, Exception exception);

    [LoggerMessage(1205, LogLevel.Error, "The messaging endpoint failed to process a request.")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception);

    [LoggerMessage(1206, LogLevel.Error, "Turn on channel {ChannelId} ended without its reply: the channel's Connector service is unavailable (status {StatusCode}, {Attempts} attempt(s)); no apology is sent the same way.")]
    public static partial void ChannelUnavailable(ILogger logger, string? channelId, int? statusCode, int attempts);
}
