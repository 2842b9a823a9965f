using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>A reaction on an earlier activity (Teams: like, heart, laugh, surprised, sad, angry).</summary>
public sealed class MessageReaction
{
    /// <summary>Reaction type.</summary>
    public string? Type { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
