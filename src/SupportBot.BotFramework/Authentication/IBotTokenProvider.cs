namespace SupportBot.BotFramework.Authentication;

/// <summary>Access tokens for the bot's outbound Connector calls.</summary>
public interface IBotTokenProvider
{
    /// <summary>
    /// A bearer token for <c>https://api.botframework.com</c>, or null in anonymous mode (send no
    /// <c>Authorization</c> header). Tokens are cached and renewed before expiry.
    /// </summary>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}
