using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>Quick-reply buttons shown with a message.</summary>
public sealed class SuggestedActions
{
    /// <summary>Account ids the actions are shown to; empty means everyone.</summary>
    public IList<string>? To { get; set; }

    /// <summary>The buttons.</summary>
    public IList<CardAction>? Actions { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
