namespace SupportBot.Privacy;

// Counts and times only.
internal static partial class Log
{
    [LoggerMessage(3700, LogLevel.Information, "Retention: deleted {Questions} question-log entries and {Feedback} feedback records from before {Cutoff:u}.")]
    public static partial void Purged(ILogger logger, int questions, int feedback, DateTimeOffset cutoff);

    [LoggerMessage(3701, LogLevel.Error, "Retention: deleting expired records failed; trying again in {Interval}.")]
    public static partial void PurgeFailed(ILogger logger, TimeSpan interval, Exception exception);
}
