using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// Metadata attached to an activity (<c>mention</c>, <c>clientInfo</c>, …). Everything but <c>type</c> is
/// kept as raw JSON so unknown entity types pass through; read a known type with <see cref="GetAs{T}"/>.
/// </summary>
public sealed class Entity
{
    /// <summary>Creates an empty entity.</summary>
    public Entity()
    {
    }

    /// <summary>Creates an entity of a type.</summary>
    public Entity(string? type) => Type = type;

    /// <summary>Entity type, e.g. <c>mention</c> (compare case-insensitively for mentions).</summary>
    public string? Type { get; set; }

    /// <summary>The entity's other fields.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads this entity as a typed model (e.g. <see cref="Mention"/>).</summary>
    public T? GetAs<T>() => JsonSerializer.SerializeToElement(this, BotJson.Options).Deserialize<T>(BotJson.Options);

    /// <summary>Builds an entity from a typed model (e.g. a <see cref="Mention"/>), for an outgoing activity.</summary>
    public static Entity FromObject<T>(T value) =>
        JsonSerializer.SerializeToElement(value, BotJson.Options).Deserialize<Entity>(BotJson.Options)
        ?? throw new ArgumentException("The value does not serialize to a JSON object.", nameof(value));
}
