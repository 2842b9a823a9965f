using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupportBot.Storage.Redis;

namespace SupportBot.Storage;

/// <summary>
/// Healthy while the configured store is usable; Degraded (readiness stays 200: answering works without it)
/// while Redis cannot be reached, saying what that means. Its data carries the provider and the failures
/// counted since start.
/// </summary>
internal sealed class StorageHealthCheck(IOptions<StorageOptions> options, StorageFailures failures, IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = options.Value.ParsedProvider ?? StorageProvider.Memory;
        var data = new Dictionary<string, object>
        {
            ["provider"] = provider.ToString().ToLowerInvariant(),
            ["failedReads"] = failures.Reads,
            ["failedWrites"] = failures.Writes,
        };
        if (failures.LastFailureAt is { } last)
        {
            data["lastFailureAt"] = last;
        }

        if (provider != StorageProvider.Redis)
        {
            return HealthCheckResult.Healthy($"{data["provider"]}: state is kept by this replica", data);
        }

        var redis = services.GetRequiredService<RedisConnection>();
        data["redis"] = redis.Endpoints;
        if (!redis.IsConnected)
        {
            return Degraded("Redis cannot be reached", data);
        }

        try
        {
            await redis.Database.PingAsync().WaitAsync(PingTimeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("Redis reachable: state is shared with the other replicas", data);
        }
        catch (Exception ex) when (RedisCalls.IsUnavailable(ex))
        {
            return Degraded($"Redis does not answer ({ex.GetType().Name})", data);
        }
    }

    private static HealthCheckResult Degraded(string reason, Dictionary<string, object> data) => HealthCheckResult.Degraded(
        $"{reason}: questions are still answered; conversation state starts afresh, Direct Line chats get 503 and feedback is not kept until it is back",
        data: data);
}
