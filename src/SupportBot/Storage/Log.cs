namespace SupportBot.Storage;

internal static partial class Log
{
    [LoggerMessage(3100, LogLevel.Information, "Feedback and the question log are kept in {Path}.")]
    public static partial void DatabaseReady(ILogger logger, string path);
}
