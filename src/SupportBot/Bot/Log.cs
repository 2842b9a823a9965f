namespace SupportBot.Bot;

// Never the question or any other customer text: kinds, ids, numbers and channel names only.
internal static partial class Log
{
    [LoggerMessage(3200, LogLevel.Information, "Answered on {Channel}: {Kind} (confidence {Confidence:0.00}, document {DocumentId}).")]
    public static partial void Answered(ILogger logger, string kind, double confidence, string? documentId, string channel);

    [LoggerMessage(3201, LogLevel.Information, "Feedback on {Channel}: helpful={Helpful} for document {DocumentId}.")]
    public static partial void FeedbackRecorded(ILogger logger, bool helpful, string? documentId, string channel);

    [LoggerMessage(3202, LogLevel.Information, "Handed off to a person on {Channel}.")]
    public static partial void HandedOff(ILogger logger, string? channel);

    [LoggerMessage(3203, LogLevel.Information, "Welcomed a conversation on {Channel}.")]
    public static partial void Welcomed(ILogger logger, string? channel);

    [LoggerMessage(3204, LogLevel.Information, "Messaging extension search: {ResultCount} results in {ElapsedMs:0.0} ms.")]
    public static partial void Searched(ILogger logger, int resultCount, double elapsedMs);

    [LoggerMessage(3205, LogLevel.Warning, "Messaging extension request answered 'not ready': the knowledge is still loading.")]
    public static partial void SearchNotReady(ILogger logger);

    [LoggerMessage(3207, LogLevel.Information, "Asked to shorten a message of {Length} characters on {Channel}.")]
    public static partial void TooLong(ILogger logger, int length, string? channel);

    [LoggerMessage(3206, LogLevel.Information, "Conversation state reset after a failed turn on {Channel}.")]
    public static partial void StateReset(ILogger logger, string? channel);
}
