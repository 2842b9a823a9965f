using Microsoft.Extensions.Logging;

namespace SupportBot.BotFramework.Authentication;

internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Warning, "Bot Framework authentication is disabled: MicrosoftAppId is empty, so every request to the messaging endpoint is accepted and outbound calls carry no token. Use only for local, Emulator or self-hosted testing.")]
    public static partial void AuthenticationDisabled(ILogger logger);

    [LoggerMessage(1001, LogLevel.Information, "Bot Framework authentication is enabled for app type {AppType}.")]
    public static partial void AuthenticationEnabled(ILogger logger, BotAppType appType);

    [LoggerMessage(1002, LogLevel.Information, "Fetched OpenID metadata from {Address}: {KeyCount} signing keys.")]
    public static partial void MetadataFetched(ILogger logger, Uri address, int keyCount);

    [LoggerMessage(1003, LogLevel.Warning, "Could not refresh OpenID metadata from {Address}; keeping the keys fetched earlier.")]
    public static partial void MetadataRefreshFailed(ILogger logger, Uri address, Exception exception);

    [LoggerMessage(1004, LogLevel.Warning, "Could not get a token for outbound Connector calls.")]
    public static partial void TokenAcquisitionFailed(ILogger logger, Exception exception);
}
