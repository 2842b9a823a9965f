using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// A token for one conversation: the answer of <c>tokens/generate</c> and <c>tokens/refresh</c>, and what a
/// site's backend hands its page.
/// </summary>
/// <param name="ConversationId">The conversation the token is good for.</param>
/// <param name="Token">The bearer token.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record DirectLineToken(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>The answer of <c>POST conversations</c> and <c>GET conversations/{id}</c>.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Token">A fresh token for it (DirectLineJS replaces its own with it).</param>
/// <param name="ExpiresIn">Seconds until the token expires.</param>
/// <param name="StreamUrl">The pre-authorized <c>ws://</c>/<c>wss://</c> address of the activity stream.</param>
public sealed record DirectLineConversation(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string StreamUrl);

/// <summary>Writes ActivitySets: <c>{ "activities": [...], "watermark": "n" }</c>.</summary>
internal static class ActivitySet
{
    /// <summary>Most activities in one set; clients page by advancing the watermark.</summary>
    public const int MaxActivities = 100;

    /// <summary>The set as UTF-8 JSON; the activities are spliced in as stored, never re-serialized.</summary>
    public static byte[] ToUtf8(IEnumerable<StoredActivity> activities, long watermark)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var activity in activities)
            {
                writer.WriteRawValue(activity.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();

            // Always present: DirectLineJS keeps its old watermark when the field is missing or empty.
            writer.WriteString("watermark", watermark.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
