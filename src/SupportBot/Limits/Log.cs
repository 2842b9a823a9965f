namespace SupportBot.Limits;

// Never the client's address: it is personal data, and the limits need no log of it to work.
internal static partial class Log
{
    [LoggerMessage(3400, LogLevel.Debug, "Refused a request over the per-client limit {Policy} on {Path}.")]
    public static partial void ClientLimited(ILogger logger, string policy, string path);

    [LoggerMessage(3401, LogLevel.Warning, "Shed {Count} requests with 503: {MaxConcurrentRequests} in progress and {QueueLimit} waiting (RateLimits:MaxConcurrentRequests, RateLimits:QueueLimit).")]
    public static partial void Shed(ILogger logger, long count, int maxConcurrentRequests, int queueLimit);
}
