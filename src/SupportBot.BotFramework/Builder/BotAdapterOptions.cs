namespace SupportBot.BotFramework.Builder;

/// <summary>Messaging-endpoint limits and wording (configuration section <c>BotFramework:Adapter</c>).</summary>
public sealed class BotAdapterOptions
{
    /// <summary>
    /// Largest accepted request body; larger ones get 413. Default 1 MiB: Teams caps messages near 100 KB,
    /// Direct Line at 256K characters (up to ~768 KB of UTF-8).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What the user is told when a turn fails.</summary>
    public string TurnErrorMessage { get; set; } = "Sorry, something went wrong on my side. Please try again in a moment.";
}
