using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// What to persist to reach a conversation later (proactive messages). Only store references whose
/// <see cref="ServiceUrl"/> arrived on an authenticated request: the bot's token is sent there.
/// </summary>
public sealed class ConversationReference
{
    /// <summary>Activity to reply to; empty when replies must not thread (conversationUpdate on Direct Line).</summary>
    public string? ActivityId { get; set; }

    /// <summary>The user.</summary>
    public ChannelAccount? User { get; set; }

    /// <summary>The bot.</summary>
    public ChannelAccount? Bot { get; set; }

    /// <summary>The conversation.</summary>
    public ConversationAccount? Conversation { get; set; }

    /// <summary>Channel id.</summary>
    public string? ChannelId { get; set; }

    /// <summary>User's locale.</summary>
    public string? Locale { get; set; }

    /// <summary>Where to send activities.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
