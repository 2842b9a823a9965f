using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Redis;

/// <summary>
/// Connects to Redis at start-up, subscribes to the Direct Line channel and reads the signing key, so the
/// first request does not pay for them. Never stops the host: if Redis is down, each of these happens again
/// on first use, and the connection keeps retrying.
/// </summary>
internal sealed class RedisStartup(RedisConnection redis, IDirectLineStore directLine, IDirectLineSigningKey signingKey) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.Open();
        if (directLine is RedisDirectLineStore store)
        {
            try
            {
                await store.EnsureSubscribedAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisCalls.IsUnavailable(ex))
            {
                // The first stream that waits subscribes again.
            }
        }

        if (signingKey is RedisSigningKey shared)
        {
            shared.TryLoad();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
