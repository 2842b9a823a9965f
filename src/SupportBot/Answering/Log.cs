namespace SupportBot.Answering;

// Paths, version ids, counts and validation problems (file:line, the author's own content) only.
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Knowledge version {Version} loaded and indexed: {FaqCount} FAQ entries, {PassageCount} passages in {ElapsedMs:0} ms; ready.")]
    public static partial void KnowledgeLoaded(ILogger logger, string version, int faqCount, int passageCount, double elapsedMs);

    [LoggerMessage(3001, LogLevel.Critical, "The knowledge could not be loaded; the host stops.")]
    public static partial void KnowledgeUnusable(ILogger logger, Exception exception);

    [LoggerMessage(3002, LogLevel.Information, "Knowledge reloaded ({Trigger}): version {Version} replaces {PreviousVersion}; {FaqCount} FAQ entries, {PassageCount} passages in {ElapsedMs:0} ms.")]
    public static partial void KnowledgeReloaded(ILogger logger, string trigger, string version, string previousVersion, int faqCount, int passageCount, double elapsedMs);

    [LoggerMessage(3003, LogLevel.Error, "Knowledge change {Version} refused ({Trigger}) with {ProblemCount} problem(s); version {ServingVersion} keeps serving.")]
    public static partial void KnowledgeRefused(ILogger logger, string trigger, string version, int problemCount, string servingVersion);

    [LoggerMessage(3004, LogLevel.Error, "Knowledge problem: {Problem}")]
    public static partial void KnowledgeProblem(ILogger logger, string problem);

    [LoggerMessage(3005, LogLevel.Information, "Knowledge version {Version} released: its last request is done and its index is closed.")]
    public static partial void VersionReleased(ILogger logger, string version);

    [LoggerMessage(3006, LogLevel.Information, "Watching {Path} for knowledge changes every {PollInterval} (debounce {Debounce}).")]
    public static partial void Watching(ILogger logger, string path, TimeSpan pollInterval, TimeSpan debounce);

    [LoggerMessage(3007, LogLevel.Debug, "Knowledge files under {Path} changed while being read; trying again once they settle.")]
    public static partial void KnowledgeChanging(ILogger logger, string path);

    [LoggerMessage(3008, LogLevel.Error, "Checking the knowledge folder failed; watching goes on.")]
    public static partial void WatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(3009, LogLevel.Warning, "The index file {Path} of a released knowledge version could not be deleted.")]
    public static partial void IndexFileNotDeleted(ILogger logger, string path, Exception exception);

    [LoggerMessage(3010, LogLevel.Warning, "Refused a knowledge reload request from {RemoteAddress}: missing or wrong secret.")]
    public static partial void ReloadUnauthorized(ILogger logger, string? remoteAddress);
}
