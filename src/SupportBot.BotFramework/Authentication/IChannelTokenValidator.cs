using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Authentication;

/// <summary>
/// Authenticates the <c>Authorization</c> header of a request to the messaging endpoint against the
/// activity it carries (ABS channel tokens, Emulator tokens; anonymous mode accepts everything).
/// </summary>
public interface IChannelTokenValidator
{
    /// <summary>
    /// Validates <paramref name="authorizationHeader"/> (<c>Bearer &lt;jwt&gt;</c>) for <paramref name="activity"/>.
    /// Never throws for a bad token; throws only when signing keys could never be fetched.
    /// </summary>
    Task<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}
