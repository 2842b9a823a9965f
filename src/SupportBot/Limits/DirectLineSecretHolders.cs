using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Limits;

/// <summary>
/// Recognises servers holding a Direct Line secret (<c>DirectLine:Secrets</c>): they mint tokens for every
/// visitor of a site from one address, so per-client limits would throttle the whole site. A wrong guess is
/// not recognised and is limited like anyone else. Compared as SHA-256 digests in constant time, as the Direct
/// Line service itself does.
/// </summary>
internal sealed class DirectLineSecretHolders(IOptions<DirectLineOptions> options)
{
    private const string BearerPrefix = "Bearer ";

    private readonly byte[][] _digests = options.Value.Secrets.Where(s => !string.IsNullOrEmpty(s)).Select(Digest).ToArray();

    public bool Holds(HttpRequest request)
    {
        if (_digests.Length == 0)
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var digest = Digest(header[BearerPrefix.Length..].Trim());
        var match = false;
        foreach (var secret in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, secret);
        }

        return match;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
