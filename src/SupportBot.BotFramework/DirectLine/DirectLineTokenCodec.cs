using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>What a Direct Line token grants.</summary>
internal static class DirectLineScopes
{
    /// <summary>The REST routes of one conversation.</summary>
    public const string Conversation = "conversation";

    /// <summary>Opening one conversation's WebSocket (the <c>t=</c> of a <c>streamUrl</c>).</summary>
    public const string Stream = "stream";
}

/// <summary>The claims of a Direct Line token.</summary>
/// <param name="Scope">See <see cref="DirectLineScopes"/>.</param>
/// <param name="ConversationId">The one conversation the token is good for.</param>
/// <param name="UserId">The user id embedded by whoever minted it (<c>dl_…</c>); it overrides <c>from.id</c>.</param>
/// <param name="UserName">The user's display name, if given.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Watermark">For stream tokens: replay activities after this position.</param>
/// <param name="TokenId">The token's own random id (<c>jti</c>), by which it can be revoked; set by <see cref="DirectLineTokenCodec.Check"/>, ignored by Issue.</param>
internal sealed record DirectLineClaims(
    string Scope,
    string ConversationId,
    string? UserId,
    string? UserName,
    DateTimeOffset ExpiresAt,
    long? Watermark = null,
    string? TokenId = null);

internal enum TokenCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Issues and checks the service's tokens: compact JWTs signed with HMAC-SHA256. A JWT because Web Chat and
/// DirectLineJS decode the token to find the <c>user</c> claim; HS256 because only this service reads them.
/// Only the exact header this class writes is accepted, so no other algorithm (or <c>none</c>) can be
/// slipped in, and signatures are compared in constant time. The key comes from
/// <see cref="IDirectLineSigningKey"/>, so instances sharing a store can share it.
/// </summary>
internal sealed class DirectLineTokenCodec
{
    // {"alg":"HS256","typ":"JWT"}
    private const string Header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
    private const int MaxTokenLength = 4096;
    private const int SignatureBytes = 32;

    private readonly IDirectLineSigningKey _key;
    private readonly TimeProvider _time;

    public DirectLineTokenCodec(IDirectLineSigningKey key, TimeProvider time)
    {
        _key = key;
        _time = time;
    }

    public string Issue(DirectLineClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var payload = new Payload
        {
            Scope = claims.Scope,
            Conversation = claims.ConversationId,
            User = claims.UserId,
            Name = claims.UserName,
            IssuedAt = _time.GetUtcNow().ToUnixTimeSeconds(),
            Expires = claims.ExpiresAt.ToUnixTimeSeconds(),
            Watermark = claims.Watermark,
            Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
        };
        var signed = $"{Header}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, PayloadJson.Default.Payload))}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signed))}";
    }

    /// <summary>True when <paramref name="value"/> has the shape of a token (as opposed to a secret).</summary>
    public static bool LooksLikeToken(string value) => value.StartsWith(Header + ".", StringComparison.Ordinal);

    public TokenCheck Check(string token, out DirectLineClaims? claims)
    {
        claims = null;
        if (token.Length > MaxTokenLength || !LooksLikeToken(token))
        {
            return TokenCheck.Invalid;
        }

        var lastDot = token.LastIndexOf('.');
        if (lastDot <= Header.Length)
        {
            return TokenCheck.Invalid;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1), signature, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != SignatureBytes
            || !CryptographicOperations.FixedTimeEquals(signature, Sign(token[..lastDot])))
        {
            return TokenCheck.Invalid;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token.AsSpan(Header.Length + 1, lastDot - Header.Length - 1)), PayloadJson.Default.Payload);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return TokenCheck.Invalid;
        }

        if (payload is not { Scope: { } scope, Conversation: { Length: > 0 } conversation })
        {
            return TokenCheck.Invalid;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.Expires);
        claims = new DirectLineClaims(scope, conversation, payload.User, payload.Name, expiresAt, payload.Watermark, payload.Id);
        return _time.GetUtcNow() >= expiresAt ? TokenCheck.Expired : TokenCheck.Valid;
    }

    private byte[] Sign(string headerAndPayload) => HMACSHA256.HashData(_key.GetKey(), Encoding.ASCII.GetBytes(headerAndPayload));

    internal sealed class Payload
    {
        [JsonPropertyName("scope")]
        public string? Scope { get; set; }

        [JsonPropertyName("conv")]
        public string? Conversation { get; set; }

        // Web Chat and DirectLineJS read the user id from this claim.
        [JsonPropertyName("user")]
        public string? User { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("wm")]
        public long? Watermark { get; set; }

        [JsonPropertyName("iat")]
        public long IssuedAt { get; set; }

        [JsonPropertyName("exp")]
        public long Expires { get; set; }

        [JsonPropertyName("jti")]
        public string? Id { get; set; }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineTokenCodec.Payload))]
internal sealed partial class PayloadJson : JsonSerializerContext;
