namespace SupportBot.WebChat;

// Never log the Azure secret, tokens or the visitor's address.
internal static partial class Log
{
    [LoggerMessage(3300, LogLevel.Warning, "Azure Direct Line refused the token exchange with status {StatusCode}; check DirectLine:AzureSecret.")]
    public static partial void AzureTokenRefused(ILogger logger, int statusCode);

    [LoggerMessage(3301, LogLevel.Warning, "The token exchange with Azure Direct Line failed ({Error}).")]
    public static partial void AzureTokenFailed(ILogger logger, string error);

    [LoggerMessage(3302, LogLevel.Warning, "Refused a chat token request from origin {Origin}: not the host and not in WebChat:AllowedOrigins.")]
    public static partial void OriginRefused(ILogger logger, string origin);
}
