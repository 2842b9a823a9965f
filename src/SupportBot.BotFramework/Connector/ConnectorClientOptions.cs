namespace SupportBot.BotFramework.Connector;

/// <summary>
/// Retry and timeout policy of outbound Connector calls (configuration section
/// <c>BotFramework:Connector</c>). Retries follow Teams' guidance: exponential backoff with jitter on
/// 429/412/500/502/503/504 and timeouts, honouring <c>Retry-After</c> up to <see cref="MaxDelay"/>. Every
/// call stops at <see cref="TotalTimeout"/>, and at once when the channel asks to wait longer than the budget
/// has left; the call then throws <see cref="ConnectorException"/> and the turn ends without the reply.
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

    /// <summary>
    /// Budget of a whole call, retries and waits included (at most 10 minutes). Default 60 s. A turn that
    /// cannot reach its channel holds the channel's inbound request this long at most per reply.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
