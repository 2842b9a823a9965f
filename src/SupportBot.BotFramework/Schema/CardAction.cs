using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>A clickable action: a card button or a suggested action.</summary>
public sealed class CardAction
{
    /// <summary>Kind of action (see <see cref="ActionTypes"/>).</summary>
    public string? Type { get; set; }

    /// <summary>Button label.</summary>
    public string? Title { get; set; }

    /// <summary>Icon URL.</summary>
    public string? Image { get; set; }

    /// <summary>Alternative text of the icon.</summary>
    public string? ImageAltText { get; set; }

    /// <summary>Text sent by <c>messageBack</c>.</summary>
    public string? Text { get; set; }

    /// <summary>Text shown in the feed by <c>messageBack</c>.</summary>
    public string? DisplayText { get; set; }

    /// <summary>Action parameter (a string for imBack/openUrl, an object for messageBack); opaque JSON.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>Channel-specific data; opaque JSON.</summary>
    public JsonElement? ChannelData { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
