using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SupportBot.Limits;

/// <summary>
/// Limits on what clients may ask of the host, on ASP.NET Core's rate limiter: per-client windows on the public
/// endpoints (429) and a bounded number of requests in progress for the whole host (503 past a bounded queue). See <see cref="RateLimitsOptions"/>.
/// </summary>
public static class RequestLimits
{
    /// <summary>Chats started (token endpoint, Direct Line start).</summary>
    public const string Conversations = "conversations";

    /// <summary>Questions asked (<c>/api/ask</c>, Direct Line messages).</summary>
    public const string Messages = "messages";

    /// <summary>The agents' search.</summary>
    public const string Searches = "searches";

    /// <summary>Direct Line reads (polling, reconnect, refresh, stream).</summary>
    public const string Reads = "reads";

    private const string HostPartition = "host";
    private const string StreamPartition = "streams";

    /// <summary>
    /// Adds the limits and their <see cref="RateLimitsOptions"/>, validated at start-up. Body sizes are each
    /// endpoint's own (<c>Api:MaxBodyBytes</c>, <c>DirectLine:MaxActivityBytes</c>,
    /// <c>BotFramework:Adapter:MaxRequestBodyBytes</c>), checked before a body is buffered. Kestrel's own cap stays
    /// at its default (30 MB): it is also how much of a refused body Kestrel reads away so that a keep-alive
    /// connection can carry the client's next request, and no endpoint reads a body without its own limit.
    /// </summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitsOptions>().Bind(configuration.GetSection(RateLimitsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitsOptions>, RateLimitsOptionsValidator>());
        services.TryAddSingleton<DirectLineSecretHolders>();
        services.TryAddSingleton<OverloadReporter>();

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Conversations, new ClientRateLimitPolicy(Conversations, o => o.Conversations));
            limiter.AddPolicy(Messages, new ClientRateLimitPolicy(Messages, o => o.Messages));
            limiter.AddPolicy(Searches, new ClientRateLimitPolicy(Searches, o => o.Searches));
            limiter.AddPolicy(Reads, new ClientRateLimitPolicy(Reads, o => o.Reads));
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitsOptions>>((limiter, limits) =>
        {
            var options = limits.Value;
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = ShedAsync;

            // One shared limiter for the whole host. An open Direct Line stream is a request that lasts as long
            // as the chat, so streams are bounded by the Direct Line service (one per conversation), not here.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.WebSockets.IsWebSocketRequest
                    ? RateLimitPartition.GetNoLimiter(StreamPartition)
                    : RateLimitPartition.GetConcurrencyLimiter(HostPartition, _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.MaxConcurrentRequests,
                        QueueLimit = options.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });
        return services;
    }

    /// <summary>The rate limiter, after WebSockets and CORS (so preflights cost nothing and refusals carry CORS headers).</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>
    /// Puts each Direct Line route under its per-client policy: starting a conversation or minting a token is
    /// <see cref="Conversations"/>, posting an activity (or an upload) is <see cref="Messages"/>, everything else
    /// (reads, reconnects, refreshes, the stream) is <see cref="Reads"/>.
    /// </summary>
    public static TBuilder WithDirectLineRateLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern;
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            endpoint.Metadata.Add(new EnableRateLimitingAttribute(DirectLinePolicy(pattern, methods)));
        });
        return builder;
    }

    internal static string DirectLinePolicy(RoutePattern? pattern, IReadOnlyList<string> methods)
    {
        var segments = pattern?.PathSegments ?? [];
        var last = segments.Count == 0 ? null : segments[^1].Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content;
        var posts = methods.Contains(HttpMethods.Post, StringComparer.OrdinalIgnoreCase);
        return (posts, last) switch
        {
            (true, "generate" or "conversations") => Conversations,
            (true, "activities" or "upload") => Messages,
            _ => Reads,
        };
    }

    // The host is over capacity: tell the client to come back, rather than queueing without bound.
    private static ValueTask ShedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitsOptions>>().Value;
        var seconds = (int)Math.Ceiling(options.OverloadRetryAfter.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<OverloadReporter>().Shed(options.MaxConcurrentRequests, options.QueueLimit);
        return new ValueTask(TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Busy",
            detail: $"The service is busy; try again in {seconds} seconds.").ExecuteAsync(http));
    }
}
