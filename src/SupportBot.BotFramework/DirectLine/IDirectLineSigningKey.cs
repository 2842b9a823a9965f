using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The HMAC key that signs and checks this service's tokens. Every instance that shares an
/// <see cref="IDirectLineStore"/> must use the same key, or a token issued by one is refused by the others.
/// The default is <see cref="DirectLineOptions.TokenSigningKey"/>, or a random key per process when that is
/// unset; a shared store can supply one instead (registered before <c>AddDirectLine</c>).
/// </summary>
public interface IDirectLineSigningKey
{
    /// <summary>
    /// The key (at least 32 bytes). Called for every token issued or checked, so implementations cache it;
    /// throws <see cref="DirectLineStoreUnavailableException"/> when the key lives in a store that cannot be
    /// reached and has not been read yet.
    /// </summary>
    byte[] GetKey();
}

/// <summary>The configured key, or a random one that dies with the process.</summary>
internal sealed class ConfiguredSigningKey : IDirectLineSigningKey
{
    private readonly byte[] _key;

    public ConfiguredSigningKey(IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.TokenSigningKey;
        _key = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
    }

    public byte[] GetKey() => _key;
}
