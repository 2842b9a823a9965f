using System.Security.Cryptography;
using StackExchange.Redis;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Redis;

/// <summary>
/// The Direct Line token signing key, shared through Redis when <c>DirectLine:TokenSigningKey</c> is not
/// configured: the first replica to need it stores a random one (<c>SET NX</c>), every replica reads that one,
/// so a token issued by one replica is accepted by all. Read once and kept; after a Redis restart that lost
/// its data, the replicas put the same key back as they reconnect, so tokens already issued stay valid (and
/// should Redis hold another key by then, every replica takes that one, so they agree again).
/// Anyone who can read this Redis can mint tokens: keep Redis private, as it also holds the transcripts.
/// </summary>
internal sealed class RedisSigningKey : IDirectLineSigningKey
{
    private const int KeyBytes = 32;
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisSigningKey> _logger;
    private readonly Lock _gate = new();
    private volatile byte[]? _key;

    public RedisSigningKey(RedisConnection redis, ILogger<RedisSigningKey> logger)
    {
        _redis = redis;
        _logger = logger;
        redis.Restored += (_, _) => _ = PutBackAsync();
    }

    private RedisKey Key => _redis.Key("dl:signing-key");

    /// <inheritdoc/>
    public byte[] GetKey() => _key ?? Load();

    /// <summary>Reads (or creates) the key now; false, logged, when Redis cannot be reached yet.</summary>
    public bool TryLoad()
    {
        try
        {
            GetKey();
            return true;
        }
        catch (DirectLineStoreUnavailableException ex)
        {
            Log.SigningKeyDeferred(_logger, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            return false;
        }
    }

    // Synchronous on purpose: token issue and checks are synchronous, and this runs once per process.
    private byte[] Load()
    {
        lock (_gate)
        {
            if (_key is { } known)
            {
                return known;
            }

            try
            {
                var database = _redis.Database;
                var created = database.StringSet(Key, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)), when: When.NotExists);
                var stored = (string?)database.StringGet(Key);
                var key = Decode(stored) ?? throw new InvalidOperationException(
                    $"Redis key '{Key}' does not hold a base64 signing key of at least {KeyBytes} bytes; delete it (a new one is made) or set DirectLine:TokenSigningKey.");
                Log.SigningKeyLoaded(_logger, created);
                _key = key;
                return key;
            }
            catch (Exception ex) when (RedisCalls.IsUnavailable(ex))
            {
                throw new DirectLineStoreUnavailableException("Redis cannot be reached to read the token signing key.", ex);
            }
        }
    }

    private async Task PutBackAsync()
    {
        if (_key is not { } key)
        {
            return;
        }

        try
        {
            var database = _redis.Database;
            await database.StringSetAsync(Key, Convert.ToBase64String(key), when: When.NotExists).ConfigureAwait(false);
            if (Decode(await database.StringGetAsync(Key).ConfigureAwait(false)) is { } stored && !stored.AsSpan().SequenceEqual(key))
            {
                _key = stored;
                Log.SigningKeyReplaced(_logger);
            }
        }
        catch (Exception ex) when (RedisCalls.IsUnavailable(ex))
        {
            // Down again already; the next reconnection tries again.
        }
    }

    private static byte[]? Decode(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var written) && written >= KeyBytes ? bytes[..written] : null;
    }
}
