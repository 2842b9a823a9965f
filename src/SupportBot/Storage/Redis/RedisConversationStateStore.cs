using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// Conversation state as one JSON string per conversation key, expiring <see cref="StorageOptions.ConversationStateTtl"/>
/// after its last write, so any replica can take the next turn. While Redis is down a read finds nothing (the
/// turn is answered as a fresh conversation) and writes are retried, then given up.
/// </summary>
internal sealed class RedisConversationStateStore(RedisCalls redis, IOptions<StorageOptions> options) : IConversationStateStore
{
    private const string Store = "conversation state";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeSpan _ttl = options.Value.ConversationStateTtl;

    public async Task<ConversationState?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await redis.ReadOrFallbackAsync(Store, db => db.StringGetAsync(Key(key)), RedisValue.Null).ConfigureAwait(false);
        return value.IsNull ? null : JsonSerializer.Deserialize<ConversationState>((string)value!, Json);
    }

    public Task SetAsync(string key, ConversationState state, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(state, Json);
        return redis.WriteAsync(Store, db => db.StringSetAsync(Key(key), json, _ttl), cancellationToken);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        redis.WriteAsync(Store, db => db.KeyDeleteAsync(Key(key)), cancellationToken);

    private RedisKey Key(string key) => redis.Connection.Key("state:" + key);
}
