using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Privacy;

/// <summary>
/// The self-hosted Direct Line's transcript, with customer text redacted before it is kept: the text, speech
/// and summary of every activity, the values a card button posts and the content of cards (the bot's answer
/// card carries the question for its feedback buttons). The activity the bot's turn runs on is not touched,
/// so the answer engine still reads what the customer wrote; only the stored copy, the echo the client sees
/// and what a later poll or reconnect replays are redacted.
/// </summary>
internal sealed class RedactingDirectLineStore(IDirectLineStore inner) : IDirectLineStore
{
    /// <inheritdoc/>
    public Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken) => inner.CreateAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> TouchAsync(string conversationId, CancellationToken cancellationToken) => inner.TouchAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public async Task<StoredActivity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!NeedsRedaction(activity))
        {
            return await inner.AppendAsync(conversationId, activity, cancellationToken).ConfigureAwait(false);
        }

        var copy = RedactedCopy(activity);
        var stored = await inner.AppendAsync(conversationId, copy, cancellationToken).ConfigureAwait(false);

        // The store numbers the activity it is given; the bot must see that id so its replyToId matches the echo.
        activity.Id = copy.Id;
        return stored;
    }

    /// <inheritdoc/>
    public Task<TranscriptPage?> ReadAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken) =>
        inner.ReadAsync(conversationId, afterWatermark, max, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> WaitForActivityAsync(string conversationId, long afterWatermark, CancellationToken cancellationToken) =>
        inner.WaitForActivityAsync(conversationId, afterWatermark, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string conversationId, CancellationToken cancellationToken) => inner.RemoveAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public Task<int> RemoveIdleAsync(CancellationToken cancellationToken) => inner.RemoveIdleAsync(cancellationToken);

    // Checked without copying: most activities (typing, welcome, answers to plain questions) have nothing to redact.
    internal static bool NeedsRedaction(Activity activity) =>
        PiiRedactor.ContainsPersonalData(activity.Text)
        || PiiRedactor.ContainsPersonalData(activity.Speak)
        || PiiRedactor.ContainsPersonalData(activity.Summary)
        || (activity.Value is { } value && HasPersonalData(value))
        || (activity.Attachments?.Any(a => a.Content is { } content && HasPersonalData(content)) ?? false);

    // A full copy through JSON (the store serializes the activity anyway), so nothing the turn uses is shared.
    internal static Activity RedactedCopy(Activity activity)
    {
        var node = JsonSerializer.SerializeToNode(activity, BotJson.Options)!.AsObject();
        foreach (var name in (string[])["text", "speak", "summary", "value"])
        {
            RedactMember(node, name);
        }

        if (node["attachments"] is JsonArray attachments)
        {
            foreach (var attachment in attachments.OfType<JsonObject>())
            {
                RedactMember(attachment, "content");
            }
        }

        return node.Deserialize<Activity>(BotJson.Options)!;
    }

    private static bool HasPersonalData(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => PiiRedactor.ContainsPersonalData(element.GetString()),
        JsonValueKind.Object => element.EnumerateObject().Any(p => HasPersonalData(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasPersonalData),
        _ => false,
    };

    // String values only: property names are the card's or client's vocabulary, not customer text.
    private static void RedactMember(JsonObject parent, string name)
    {
        var child = parent[name];
        if (RedactedString(child) is { } redacted)
        {
            parent[name] = redacted;
        }
        else if (child is not null)
        {
            RedactChildren(child);
        }
    }

    private static void RedactChildren(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in obj.Select(p => p.Key).ToList())
            {
                RedactMember(obj, name);
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (RedactedString(array[i]) is { } redacted)
                {
                    array[i] = redacted;
                }
                else if (array[i] is { } item)
                {
                    RedactChildren(item);
                }
            }
        }
    }

    private static JsonValue? RedactedString(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        var redacted = PiiRedactor.Redact(text);
        return ReferenceEquals(redacted, text) ? null : JsonValue.Create(redacted);
    }
}
