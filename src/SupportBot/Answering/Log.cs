namespace SupportBot.Answering;

internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Knowledge loaded and indexed: {FaqCount} FAQ entries, {PassageCount} passages in {ElapsedMs:0} ms; ready.")]
    public static partial void KnowledgeLoaded(ILogger logger, int faqCount, int passageCount, double elapsedMs);

    [LoggerMessage(3001, LogLevel.Critical, "The knowledge could not be loaded; the host stops.")]
    public static partial void KnowledgeUnusable(ILogger logger, Exception exception);
}
