using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>Id of a resource the Connector created (e.g. a sent activity).</summary>
public sealed class ResourceResponse
{
    /// <summary>Creates an empty response.</summary>
    public ResourceResponse()
    {
    }

    /// <summary>Creates a response with an id.</summary>
    public ResourceResponse(string? id) => Id = id;

    /// <summary>Resource id.</summary>
    public string? Id { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
