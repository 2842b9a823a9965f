using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>Who is calling: a secret holder (any conversation) or a token holder (one conversation).</summary>
internal sealed record DirectLineCaller(DirectLineClaims? Token)
{
    public static readonly DirectLineCaller Secret = new((DirectLineClaims?)null);

    public bool IsSecret => Token is null;

    /// <summary>True when the caller may use <paramref name="conversationId"/>.</summary>
    public bool MayUse(string conversationId) => Token is null || string.Equals(Token.ConversationId, conversationId, StringComparison.Ordinal);
}

/// <summary>
/// Reads <c>Authorization: Bearer &lt;secret-or-token&gt;</c>. Secrets are compared as SHA-256 digests with
/// <see cref="CryptographicOperations.FixedTimeEquals"/> against every configured secret, so neither the
/// time taken nor an early exit tells how much of a guess was right. A token must also not be revoked
/// (<see cref="IDirectLineRevocations"/>: refreshed, or its conversation ended).
/// </summary>
internal sealed class DirectLineCredentials
{
    private const string BearerPrefix = "Bearer ";

    private readonly DirectLineTokenCodec _codec;
    private readonly IDirectLineRevocations _revocations;
    private readonly byte[][] _secretDigests;

    public DirectLineCredentials(DirectLineTokenCodec codec, IDirectLineRevocations revocations, IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _codec = codec;
        _revocations = revocations;
        _secretDigests = options.Value.Secrets.Select(Digest).ToArray();
    }

    public bool HasSecrets => _secretDigests.Length > 0;

    /// <summary>The caller, or the 401/403 to answer.</summary>
    public async Task<(DirectLineCaller? Caller, IResult? Rejection)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            return (null, DirectLineResults.Error(StatusCodes.Status401Unauthorized, DirectLineErrorCodes.Unauthorized, "Send Authorization: Bearer <token or secret>."));
        }

        var credential = header[BearerPrefix.Length..].Trim();
        if (!DirectLineTokenCodec.LooksLikeToken(credential))
        {
            return IsSecret(credential) ? (DirectLineCaller.Secret, null) : (null, Forbidden("The secret or token is not valid."));
        }

        switch (_codec.Check(credential, out var claims))
        {
            case TokenCheck.Expired:
                return (null, DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.TokenExpired, "The token has expired."));
            case TokenCheck.Valid when claims!.Scope == DirectLineScopes.Conversation:
                return await _revocations.IsRevokedAsync(claims.TokenId, claims.ConversationId, cancellationToken).ConfigureAwait(false)
                    ? (null, Revoked())
                    : (new DirectLineCaller(claims), null);
            default:
                return (null, Forbidden("The secret or token is not valid."));
        }
    }

    public bool IsSecret(string candidate)
    {
        var digest = Digest(candidate);
        var match = false;
        foreach (var secret in _secretDigests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, secret);
        }

        return match;
    }

    public static IResult Forbidden(string message) =>
        DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.Forbidden, message);

    /// <summary>403 for a token that was refreshed or whose conversation ended: clients treat it as expired.</summary>
    public static IResult Revoked() =>
        DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.TokenRevoked, "The token has been revoked (refreshed, or its conversation ended).");

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
