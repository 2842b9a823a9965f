using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// The one <see cref="JsonSerializerOptions"/> used for every Bot Framework payload (Activity, Connector,
/// invoke bodies): exact lowerCamelCase names on write, case-insensitive names on read, nulls and empty
/// collections omitted (as the SDK's serializer does).
/// </summary>
public static class BotJson
{
    /// <summary>Shared, read-only serializer options for Bot Framework JSON.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Media type of an Activity body on the wire.</summary>
    public const string ContentType = "application/json";

    /// <summary>
    /// True when every string in <paramref name="element"/> is valid UTF-16 once unescaped. JSON lets a sender
    /// escape half a surrogate pair (<c>"\ud800"</c>); the reader accepts it, but reading that string or writing
    /// the element again throws <see cref="InvalidOperationException"/>, far from where the input came in. A
    /// receiver calls this once, where it parses, and refuses such a body there.
    /// </summary>
    public static bool IsWellFormed(JsonElement element)
    {
        try
        {
            using var sink = new Utf8JsonWriter(Stream.Null);
            element.WriteTo(sink);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // These payloads are API bodies, never embedded in HTML; the default encoder would turn Teams'
            // "<at>Name</at>" into \u003Cat\u003E, which is equal JSON but needlessly unlike what channels send.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
        };
        options.MakeReadOnly();
        return options;
    }

    // The spec asks senders to omit empty attachments/entities/actions rather than send [].
    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                // Setting ShouldSerialize replaces the WhenWritingNull condition, so nulls are checked here too.
                var previous = property.ShouldSerialize;
                property.ShouldSerialize = (owner, value) =>
                    value is not (null or ICollection { Count: 0 }) && (previous is null || previous(owner, value));
            }
        }
    }
}
