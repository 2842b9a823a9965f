using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace SupportBot.BotFramework.Connector;

/// <summary>
/// Builds the pipeline every Connector call runs in: a total timeout (the call's budget) around retries
/// around a per-attempt timeout. Each call's <see cref="ResilienceContext"/> carries when it started and how
/// many attempts it made, for the budget check and the give-up log.
/// </summary>
internal static class ConnectorResilience
{
    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the call's start.</summary>
    public static readonly ResiliencePropertyKey<long> Started = new("SupportBot.Connector.Started");

    /// <summary>Attempts made so far (HTTP requests sent or tried).</summary>
    public static readonly ResiliencePropertyKey<int> Attempts = new("SupportBot.Connector.Attempts");

    public static ResiliencePipeline<HttpResponseMessage> Create(ConnectorClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(options.TotalTimeout);

        // Zero retries is a valid setting (fail fast); Polly's retry strategy itself insists on at least one.
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    IsRetryable(args.Outcome) && !RetryAfterBeyondBudget(args.Outcome.Result, args.Context, options, time, logger)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxDelay, time)),
                OnRetry = args =>
                {
                    Log.Retrying(
                        logger,
                        (int?)args.Outcome.Result?.StatusCode,
                        args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return default;
                },
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>A network failure, an attempt that timed out, or a transient status.</summary>
    public static bool IsRetryable(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && IsTransient(response.StatusCode));

    /// <summary>
    /// Statuses worth another try: throttling (429), Teams' 412, and server errors. 400/401/403/404/413 and
    /// every other 4xx would fail the same way again.
    /// </summary>
    public static bool IsTransient(HttpStatusCode status) => status is
        HttpStatusCode.TooManyRequests or
        HttpStatusCode.PreconditionFailed or
        HttpStatusCode.InternalServerError or
        HttpStatusCode.BadGateway or
        HttpStatusCode.ServiceUnavailable or
        HttpStatusCode.GatewayTimeout;

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped; null to use the backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan maxDelay, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };

        if (delay is null)
        {
            return null;
        }

        return delay.Value < TimeSpan.Zero ? TimeSpan.Zero : delay.Value > maxDelay ? maxDelay : delay.Value;
    }

    /// <summary>
    /// True when the channel asks us to wait (Retry-After, capped) longer than the call's budget has left:
    /// the total timeout would cut that wait anyway, so the call gives up now with the channel's own answer
    /// instead of holding the turn open to fail later with none.
    /// </summary>
    private static bool RetryAfterBeyondBudget(HttpResponseMessage? response, ResilienceContext context, ConnectorClientOptions options, TimeProvider time, ILogger logger)
    {
        if (RetryAfter(response, options.MaxDelay, time) is not { } delay
            || !context.Properties.TryGetValue(Started, out var started))
        {
            return false;
        }

        var remaining = options.TotalTimeout - time.GetElapsedTime(started);
        if (delay <= remaining)
        {
            return false;
        }

        Log.RetryAfterBeyondBudget(logger, (int)response!.StatusCode, delay, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining);
        return true;
    }
}
