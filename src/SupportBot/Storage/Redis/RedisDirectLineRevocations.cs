using System.Globalization;
using StackExchange.Redis;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Redis;

/// <summary>
/// Revoked Direct Line tokens shared by every replica: one key per revoked token id (<c>jti</c>) or ended
/// conversation, holding when the revocation takes effect (Unix ms) and expiring when the tokens it refuses
/// would have expired anyway, so the list never outgrows the tokens alive.
/// </summary>
internal sealed class RedisDirectLineRevocations(RedisConnection redis, StorageFailures failures, TimeProvider time, ILogger<RedisDirectLineRevocations> logger) : IDirectLineRevocations
{
    private const string Store = "Direct Line revocations";

    /// <inheritdoc/>
    public Task RevokeTokenAsync(string tokenId, DateTimeOffset effectiveAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        return SetAsync(TokenKey(tokenId), effectiveAt, expiresAt);
    }

    /// <inheritdoc/>
    public Task RevokeConversationAsync(string conversationId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        return SetAsync(ConversationKey(conversationId), time.GetUtcNow(), until);
    }

    /// <inheritdoc/>
    public async Task<bool> IsRevokedAsync(string? tokenId, string conversationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var values = await CallAsync(db => tokenId is null
            ? Task.WhenAll(db.StringGetAsync(ConversationKey(conversationId)))
            : Task.WhenAll(db.StringGetAsync(ConversationKey(conversationId)), db.StringGetAsync(TokenKey(tokenId)))).ConfigureAwait(false);
        return values.Any(v => !v.IsNull && (long)v <= now);
    }

    private async Task SetAsync(RedisKey key, DateTimeOffset effectiveAt, DateTimeOffset expiresAt)
    {
        var lifetime = expiresAt - time.GetUtcNow();
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        await CallAsync(db => db.StringSetAsync(key, effectiveAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), lifetime)).ConfigureAwait(false);
    }

    private async Task<T> CallAsync<T>(Func<IDatabase, Task<T>> call)
    {
        try
        {
            return await call(redis.Database).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisCalls.IsUnavailable(ex))
        {
            failures.ReadFailed(Store);
            Log.DirectLineFailed(logger, ex.GetType().Name);

            // Refusing to decide is the safe side: the request gets 503, not a pass for a token that may be revoked.
            throw new DirectLineStoreUnavailableException("Redis cannot be reached to check or record revoked tokens.", ex);
        }
    }

    private RedisKey TokenKey(string tokenId) => redis.Key("dl:revoked:token:" + tokenId);

    private RedisKey ConversationKey(string conversationId) => redis.Key("dl:revoked:conversation:" + conversationId);
}
