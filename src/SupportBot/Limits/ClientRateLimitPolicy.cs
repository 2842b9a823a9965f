using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace SupportBot.Limits;

/// <summary>
/// One per-client limit (<see cref="RateLimitsOptions.Messages"/>, …): a fixed window per client address. Its
/// own <see cref="OnRejected"/> answers 429, which is how a client's limit is told apart from the host's
/// overload (503, the global limiter's answer).
/// </summary>
internal sealed class ClientRateLimitPolicy(string name, Func<RateLimitsOptions, ClientLimit> select) : IRateLimiterPolicy<string>
{
    private const string Exempt = "exempt";

    public string Name { get; } = name;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<RateLimitsOptions>>().Value;
        if (!options.PerClient || services.GetRequiredService<DirectLineSecretHolders>().Holds(httpContext.Request))
        {
            return RateLimitPartition.GetNoLimiter(Exempt);
        }

        var limit = select(options);
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.For(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    private ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : select(http.RequestServices.GetRequiredService<IOptions<RateLimitsOptions>>().Value).Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        Log.ClientLimited(http.RequestServices.GetRequiredService<ILogger<ClientRateLimitPolicy>>(), Name, http.Request.Path.Value ?? "");
        return new ValueTask(TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"Too many requests of this kind ({Name}) from your address; try again in {seconds} seconds.").ExecuteAsync(http));
    }
}
