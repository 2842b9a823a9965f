namespace SupportBot.BotFramework.Connector;

/// <summary>
/// Retry and timeout policy of outbound Connector calls (configuration section
/// <c>BotFramework:Connector</c>). Retries follow Teams' guidance: exponential backoff with jitter on
/// 429/412/500/502/503/504 and timeouts, honouring <c>Retry-After</c>.
/// </summary>
public sealed class ConnectorClientOptions
{
    /// <summary>Retries after the first attempt (so at most this + 1 requests). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base delay of the exponential backoff. Default 2 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts, from backoff or <c>Retry-After</c>. Default 20 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of one HTTP attempt. Default 15 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of a whole call, retries included. Default 60 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
