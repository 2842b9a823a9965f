using System.Security.Claims;

namespace SupportBot.BotFramework.Authentication;

/// <summary>Outcome of <see cref="IChannelTokenValidator.AuthenticateAsync"/>.</summary>
public sealed class ChannelAuthenticationResult
{
    private ChannelAuthenticationResult(bool succeeded, ClaimsIdentity? identity, string? callerId, string? failureReason, bool isAnonymous)
    {
        Succeeded = succeeded;
        Identity = identity;
        CallerId = callerId;
        FailureReason = failureReason;
        IsAnonymous = isAnonymous;
    }

    /// <summary>True when the request may be processed.</summary>
    public bool Succeeded { get; }

    /// <summary>Claims of the validated token (an unauthenticated identity in anonymous mode); null on failure.</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>Caller id to stamp on the activity (<c>urn:botframework:azure</c>), null when anonymous.</summary>
    public string? CallerId { get; }

    /// <summary>Why authentication failed, for logs. Never contains the token.</summary>
    public string? FailureReason { get; }

    /// <summary>True when authentication is disabled (no app id configured).</summary>
    public bool IsAnonymous { get; }

    /// <summary>A validated token.</summary>
    public static ChannelAuthenticationResult Success(ClaimsIdentity identity, string callerId) => new(true, identity, callerId, null, false);

    /// <summary>Anonymous mode: accepted without looking at the header.</summary>
    public static ChannelAuthenticationResult Anonymous() => new(true, new ClaimsIdentity(), null, null, true);

    /// <summary>A rejected request.</summary>
    public static ChannelAuthenticationResult Failure(string reason) => new(false, null, null, reason, false);
}
