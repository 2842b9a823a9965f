using System.Collections;
using System.Globalization;

namespace SupportBot.Telemetry;

/// <summary>
/// Structured logging scope state: each pair becomes a field on every log line written inside the scope
/// (the JSON console formatter and OpenTelemetry-style providers read them as key/values).
/// </summary>
internal sealed class LogScope(params KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The correlation id of a request (<c>X-Correlation-ID</c>, else the W3C trace id).</summary>
    public const string CorrelationId = "CorrelationId";

    /// <summary>One bot turn's id (the turn span's id when traces are collected).</summary>
    public const string TurnId = "TurnId";

    public const string ActivityId = "ActivityId";

    public const string ConversationId = "ConversationId";

    public const string ChannelId = "ChannelId";

    // Ids in turn scopes come from the wire: bounded, and no line breaks for a plain-text log to be forged with.
    private const int MaxValueLength = 128;

    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        string.Join(' ', values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}:{v.Value}")));

    public static string? Safe(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var bounded = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
        return bounded.Any(char.IsControl) ? new string(bounded.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : bounded;
    }
}
