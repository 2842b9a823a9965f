using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace SupportBot.Storage.Redis;

/// <summary>
/// How the host's stores talk to Redis so that an outage never fails a turn: writes are retried with bounded
/// exponential back-off (Polly) and then given up, logged and counted; reads either fall back (conversation
/// state: a fresh conversation) or throw <see cref="StorageUnavailableException"/> (reports, answered 503).
/// </summary>
internal sealed class RedisCalls
{
    private readonly RedisConnection _redis;
    private readonly StorageFailures _failures;
    private readonly ILogger<RedisCalls> _logger;
    private readonly ResiliencePipeline _writes;
    private readonly int _attempts;

    public RedisCalls(RedisConnection redis, StorageFailures failures, IOptions<StorageOptions> options, TimeProvider time, ILogger<RedisCalls> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _redis = redis;
        _failures = failures;
        _logger = logger;
        var retries = options.Value.WriteRetryAttempts;
        _attempts = retries + 1;

        // Polly refuses MaxRetryAttempts = 0, which the options allow: no retry strategy at all then.
        _writes = retries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsUnavailable),
                    MaxRetryAttempts = retries,
                    Delay = options.Value.WriteRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    OnRetry = args =>
                    {
                        Log.WriteRetrying(_logger, args.Context.OperationKey ?? "?", args.Outcome.Exception?.GetType().Name ?? "?", args.AttemptNumber + 1);
                        return default;
                    },
                })
                .Build();
    }

    public RedisConnection Connection => _redis;

    /// <summary>True for what an unreachable or failing Redis throws (RedisTimeoutException is a TimeoutException).</summary>
    public static bool IsUnavailable(Exception exception) => exception is RedisException or TimeoutException;

    /// <summary>Writes, retrying; when every attempt fails the write is logged, counted and dropped, never thrown.</summary>
    public async Task WriteAsync(string store, Func<IDatabase, Task> write, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(store, cancellationToken);
        try
        {
            await _writes.ExecuteAsync(
                static async (_, state) => await state.write(state.database).ConfigureAwait(false),
                context,
                (write, database: _redis.Database)).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _failures.WriteFailed(store);
            Log.WriteFailed(_logger, store, _attempts, ex.GetType().Name);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Reads; when Redis fails, logs a warning, counts it and returns <paramref name="fallback"/>.</summary>
    public async Task<T> ReadOrFallbackAsync<T>(string store, Func<IDatabase, Task<T>> read, T fallback)
    {
        try
        {
            return await read(_redis.Database).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _failures.ReadFailed(store);
            Log.ReadFailed(_logger, store, ex.GetType().Name);
            return fallback;
        }
    }

    /// <summary>Reads; when Redis fails, counts it and throws <see cref="StorageUnavailableException"/>.</summary>
    public async Task<T> ReadAsync<T>(string store, Func<IDatabase, Task<T>> read)
    {
        try
        {
            return await read(_redis.Database).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            _failures.ReadFailed(store);
            throw new StorageUnavailableException($"Redis cannot be reached to read {store}.", ex);
        }
    }
}
