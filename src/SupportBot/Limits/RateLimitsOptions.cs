using Microsoft.Extensions.Options;

namespace SupportBot.Limits;

/// <summary>
/// How much one client may ask of the host, and how much the host takes on at once (configuration section
/// <c>RateLimits</c>). A client is an IP address (an IPv6 /64 network), read after forwarded headers when
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>. Over a per-client limit: 429; over the host's capacity: 503.
/// Both carry <c>Retry-After</c> and a ProblemDetails body.
/// </summary>
public sealed class RateLimitsOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// Apply the per-client limits below. Default true. Turn off only for a load test from one address;
    /// the host's own capacity (<see cref="MaxConcurrentRequests"/>) is always enforced.
    /// </summary>
    public bool PerClient { get; set; } = true;

    /// <summary>
    /// Chats started: <c>POST /api/directline/token</c>, Direct Line <c>tokens/generate</c> and
    /// <c>conversations</c> (a page load costs two). Default 30 a minute: fifteen page loads.
    /// </summary>
    public ClientLimit Conversations { get; set; } = new() { PermitLimit = 30 };

    /// <summary>
    /// Questions: <c>POST /api/ask</c> and messages posted to Direct Line. Default 60 a minute, ten times what a
    /// fast typist sends.
    /// </summary>
    public ClientLimit Messages { get; set; } = new() { PermitLimit = 60 };

    /// <summary><c>GET /api/search</c>, which the agents' page calls as they type. Default 300 a minute.</summary>
    public ClientLimit Searches { get; set; } = new() { PermitLimit = 300 };

    /// <summary>
    /// Direct Line reads: polling for activities, reconnects, token refreshes, opening the stream. Default 600 a
    /// minute: ten polling clients (DirectLineJS polls once a second).
    /// </summary>
    public ClientLimit Reads { get; set; } = new() { PermitLimit = 600 };

    /// <summary>
    /// Requests the host works on at once, all clients together, <c>/api/messages</c> included; health probes and
    /// open Direct Line streams do not count. Default 256.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 256;

    /// <summary>Requests that may wait for one of those places (oldest first); more get 503. Default 512.</summary>
    public int QueueLimit { get; set; } = 512;

    /// <summary>The <c>Retry-After</c> of a 503 when the host sheds load. Default 5 seconds.</summary>
    public TimeSpan OverloadRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>A fixed window per client: at most <see cref="PermitLimit"/> requests each <see cref="Window"/>.</summary>
public sealed class ClientLimit
{
    /// <summary>Requests allowed in one window.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window. Default one minute.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

internal sealed class RateLimitsOptionsValidator : IValidateOptions<RateLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitsOptions options)
    {
        var failures = new List<string>();
        var section = RateLimitsOptions.SectionName;
        foreach (var (key, limit) in new[]
        {
            (nameof(RateLimitsOptions.Conversations), options.Conversations),
            (nameof(RateLimitsOptions.Messages), options.Messages),
            (nameof(RateLimitsOptions.Searches), options.Searches),
            (nameof(RateLimitsOptions.Reads), options.Reads),
        })
        {
            if (limit is null || limit.PermitLimit < 1)
            {
                failures.Add($"{section}:{key}:{nameof(ClientLimit.PermitLimit)} must be at least 1.");
            }

            if (limit is not null && (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > TimeSpan.FromDays(1)))
            {
                failures.Add($"{section}:{key}:{nameof(ClientLimit.Window)} must be between 00:00:01 and 1.00:00:00.");
            }
        }

        if (options.MaxConcurrentRequests < 1)
        {
            failures.Add($"{section}:{nameof(RateLimitsOptions.MaxConcurrentRequests)} must be at least 1.");
        }

        if (options.QueueLimit < 0)
        {
            failures.Add($"{section}:{nameof(RateLimitsOptions.QueueLimit)} must not be negative.");
        }

        if (options.OverloadRetryAfter < TimeSpan.FromSeconds(1) || options.OverloadRetryAfter > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}:{nameof(RateLimitsOptions.OverloadRetryAfter)} must be between 00:00:01 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
