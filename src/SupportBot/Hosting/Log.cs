namespace SupportBot.Hosting;

internal static partial class Log
{
    [LoggerMessage(3500, LogLevel.Information, "Answered a bad request with {StatusCode} ({Exception}).")]
    public static partial void BadRequest(ILogger logger, int statusCode, string exception);
}
