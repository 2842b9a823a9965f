namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Tokens the service no longer accepts although their signature and lifetime are fine: a token that was
/// refreshed (its holder has a newer one) and every token of a conversation the user ended. Entries only
/// need to live as long as the tokens they refuse, so implementations drop them then. Shared by all
/// instances behind one store (e.g. Redis), so a token revoked on one is refused on every one.
/// </summary>
public interface IDirectLineRevocations
{
    /// <summary>
    /// Refuses the token with id <paramref name="tokenId"/> (its <c>jti</c>) from <paramref name="effectiveAt"/>
    /// until it expires at <paramref name="expiresAt"/>.
    /// </summary>
    Task RevokeTokenAsync(string tokenId, DateTimeOffset effectiveAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Refuses every token of <paramref name="conversationId"/> from now until <paramref name="until"/>.</summary>
    Task RevokeConversationAsync(string conversationId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>True when the token (by id, when it has one) or its conversation is refused now.</summary>
    Task<bool> IsRevokedAsync(string? tokenId, string conversationId, CancellationToken cancellationToken);
}
