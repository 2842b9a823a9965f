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
/// time taken nor an early exit tells how much of a guess was right.
/// </summary>
internal sealed class DirectLineCredentials
{
    private const string BearerPrefix = "Bearer ";

    private readonly DirectLineTokenCodec _codec;
    private readonly byte[][] _secretDigests;

    public DirectLineCredentials(DirectLineTokenCodec codec, IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _codec = codec;
        _secretDigests = options.Value.Secrets.Select(Digest).ToArray();
    }

    public bool HasSecrets => _secretDigests.Length > 0;

    /// <summary>The caller, or the 401/403 to answer.</summary>
    public DirectLineCaller? Authenticate(HttpRequest request, out IResult? rejection)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            rejection = DirectLineResults.Error(StatusCodes.Status401Unauthorized, DirectLineErrorCodes.Unauthorized, "Send Authorization: Bearer <token or secret>.");
            return null;
        }

        var credential = header[BearerPrefix.Length..].Trim();
        if (!DirectLineTokenCodec.LooksLikeToken(credential))
        {
            rejection = IsSecret(credential) ? null : Forbidden("The secret or token is not valid.");
            return rejection is null ? DirectLineCaller.Secret : null;
        }

        var check = _codec.Check(credential, out var claims);
        rejection = check switch
        {
            TokenCheck.Expired => DirectLineResults.Error(StatusCodes.Status403Forbidden, DirectLineErrorCodes.TokenExpired, "The token has expired."),
            TokenCheck.Valid when claims!.Scope == DirectLineScopes.Conversation => null,
            _ => Forbidden("The secret or token is not valid."),
        };
        return rejection is null ? new DirectLineCaller(claims) : null;
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

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
