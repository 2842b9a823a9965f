using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// Reads any ISO 8601 timestamp (channels send up to 7 fractional digits) and writes it in UTC with an
/// explicit <c>Z</c>, as the spec requires for <c>timestamp</c> and <c>expiration</c>.
/// </summary>
/// <remarks>
/// An unparseable value reads as null instead of failing the whole activity: the bot never acts on
/// these fields, and receivers must be tolerant.
/// </remarks>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc/>
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimestampParsing.Read(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Reads any ISO 8601 timestamp and writes it keeping its offset (<c>localTimestamp</c> carries the
/// user's local offset, e.g. <c>-07:00</c>).
/// </summary>
public sealed class LocalTimestampConverter : JsonConverter<DateTimeOffset?>
{
    /// <inheritdoc/>
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimestampParsing.Read(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }
}

internal static class TimestampParsing
{
    public static DateTimeOffset? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Skip whatever it is (number, object) so the rest of the activity still parses.
            reader.Skip();
            return null;
        }

        return DateTimeOffset.TryParse(
            reader.GetString(),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var parsed) ? parsed : null;
    }
}
