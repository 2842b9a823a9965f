using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The self-hosted Direct Line 3.0 service (configuration section <c>DirectLine</c>). The defaults serve a
/// website out of the box: no secret is needed, because pages get single-conversation tokens from the host.
/// </summary>
public sealed class DirectLineOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Direct Line secrets: master keys for servers (never pages) that may mint tokens and open any
    /// conversation. Empty (the default) turns the secret-only route <c>tokens/generate</c> off. At least 32
    /// characters each; compared in constant time.
    /// </summary>
    [SuppressMessage("Usage", "CA2227", Justification = "Bound from configuration.")]
    public IList<string> Secrets { get; set; } = [];

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs tokens. Unset (the default): a random key per process, so
    /// tokens die with the process, unless a shared store supplies one (the host's Redis storage creates one
    /// in Redis that every instance reads); set it when several instances share a store that does not.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>
    /// How long a token lives (<c>expires_in</c>). Default 30 minutes, as Azure Bot Service. Must exceed 15
    /// minutes: DirectLineJS refreshes its token every 15 minutes.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a refreshed token keeps working after <c>tokens/refresh</c> issued its successor: requests the
    /// client sent with it before it read the new token still pass, a copy left behind soon stops. Default 1
    /// minute; 0 revokes at once; at most 5 minutes.
    /// </summary>
    public TimeSpan RefreshedTokenGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a <c>streamUrl</c> may wait before its WebSocket is opened. Default 2 minutes.</summary>
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A conversation nobody has used (no post, read, token refresh or open stream) for this long is
    /// forgotten. Default 1 hour.
    /// </summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Most conversations kept at once; starting one more forgets the least recently used. Default 5,000.
    /// Together with <see cref="MaxTranscriptBytes"/> this bounds the memory the service holds.
    /// </summary>
    public int MaxConversations { get; set; } = 5_000;

    /// <summary>
    /// Most JSON bytes of transcript kept per conversation; older activities are dropped first (the newest
    /// always stays). Default 256 KiB, about a hundred answers with their cards.
    /// </summary>
    public int MaxTranscriptBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Largest activity a client may post, in bytes of JSON; larger ones get 413 <c>MessageSizeTooBig</c>.
    /// Default 64 KiB: a customer's message with Web Chat's entities is 1–2 KB.
    /// </summary>
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>How often an idle WebSocket gets an empty keep-alive message. Default 15 seconds.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The bot's account on this channel (<c>from</c> of its activities). Default <c>supportbot</c>.</summary>
    public string BotId { get; set; } = "supportbot";

    /// <summary>The bot's display name. Default <c>SupportBot</c>.</summary>
    public string BotName { get; set; } = "SupportBot";
}

internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    private const int MinSecretLength = 32;
    private const int MinSigningKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        var section = DirectLineOptions.SectionName;
        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (options.Secrets[i] is not { Length: >= MinSecretLength })
            {
                failures.Add($"{section}:{nameof(DirectLineOptions.Secrets)}:{i} must be at least {MinSecretLength} characters.");
            }
        }

        if (!string.IsNullOrEmpty(options.TokenSigningKey) && !IsLongBase64(options.TokenSigningKey))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.TokenSigningKey)} must be base64 of at least {MinSigningKeyBytes} bytes.");
        }

        if (options.TokenLifetime <= TimeSpan.FromMinutes(15) || options.TokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.TokenLifetime)} must be over 00:15:00 (DirectLineJS refreshes every 15 minutes) and at most one day.");
        }

        if (options.RefreshedTokenGracePeriod < TimeSpan.Zero || options.RefreshedTokenGracePeriod > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.RefreshedTokenGracePeriod)} must be from 00:00:00 to 00:05:00.");
        }

        if (options.StreamUrlLifetime < TimeSpan.FromSeconds(10))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.StreamUrlLifetime)} must be at least 00:00:10.");
        }

        if (options.ConversationIdleTimeout < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.ConversationIdleTimeout)} must be at least 00:01:00.");
        }

        if (options.MaxConversations < 1)
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.MaxConversations)} must be at least 1.");
        }

        if (options.MaxActivityBytes < 1024)
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.MaxActivityBytes)} must be at least 1024.");
        }

        if (options.MaxTranscriptBytes < options.MaxActivityBytes)
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.MaxTranscriptBytes)} must be at least {nameof(DirectLineOptions.MaxActivityBytes)}.");
        }

        if (options.KeepAliveInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.KeepAliveInterval)} must be at least 00:00:01.");
        }

        if (string.IsNullOrWhiteSpace(options.BotId) || string.IsNullOrWhiteSpace(options.BotName))
        {
            failures.Add($"{section}:{nameof(DirectLineOptions.BotId)} and {section}:{nameof(DirectLineOptions.BotName)} must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLongBase64(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var written) && written >= MinSigningKeyBytes;
    }
}
