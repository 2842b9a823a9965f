using Microsoft.Extensions.Logging;

namespace SupportBot.BotFramework.DirectLine;

// Never log tokens, secrets or message text; conversation ids are random and carry no customer data.
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Information, "Direct Line conversation started.")]
    public static partial void ConversationStarted(ILogger logger);

    [LoggerMessage(1301, LogLevel.Information, "Forgot {Count} idle Direct Line conversations.")]
    public static partial void IdleConversationsRemoved(ILogger logger, int count);

    [LoggerMessage(1302, LogLevel.Warning, "Direct Line holds its maximum of {MaxConversations} conversations; forgot the least recently used one.")]
    public static partial void ConversationEvicted(ILogger logger, int maxConversations);

    [LoggerMessage(1303, LogLevel.Warning, "Rejected a Direct Line request with {StatusCode} {Code}: {Reason}.")]
    public static partial void RequestRejected(ILogger logger, int statusCode, string code, string reason);

    [LoggerMessage(1304, LogLevel.Error, "The bot failed on an activity posted to Direct Line.")]
    public static partial void BotFailed(ILogger logger, Exception exception);

    [LoggerMessage(1305, LogLevel.Debug, "Direct Line stream opened.")]
    public static partial void StreamOpened(ILogger logger);

    [LoggerMessage(1306, LogLevel.Debug, "Direct Line stream closed: {Reason}.")]
    public static partial void StreamClosed(ILogger logger, string reason);

    [LoggerMessage(1307, LogLevel.Error, "Sweeping idle Direct Line conversations failed.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(1308, LogLevel.Warning, "Answered a Direct Line request with 503: the store cannot be reached ({Reason}).")]
    public static partial void StoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(1309, LogLevel.Information, "Direct Line conversation ended by its user; its tokens are revoked.")]
    public static partial void ConversationEnded(ILogger logger);
}
