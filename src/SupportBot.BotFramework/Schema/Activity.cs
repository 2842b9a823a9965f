using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>
/// A Bot Framework Activity: the one message shape exchanged between channels, clients and bots.
/// Every field the spec names is modelled; anything else is kept in <see cref="Properties"/> so relayed
/// activities round-trip. <see cref="ChannelData"/>, <see cref="Value"/> and attachment content are
/// opaque JSON.
/// </summary>
public sealed partial class Activity
{
    /// <summary>Required activity type (see <see cref="ActivityTypes"/>); compare ordinally.</summary>
    public string? Type { get; set; }

    /// <summary>Channel-assigned id; bots should not send it.</summary>
    public string? Id { get; set; }

    /// <summary>When the channel recorded the activity (UTC).</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Sender's local time, with its offset.</summary>
    [JsonConverter(typeof(LocalTimestampConverter))]
    public DateTimeOffset? LocalTimestamp { get; set; }

    /// <summary>Sender's IANA time zone.</summary>
    public string? LocalTimezone { get; set; }

    /// <summary>Where replies go. Set by channels; ignored by channels on bot activities.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Channel id (see <see cref="Channels"/>); compare ordinally.</summary>
    public string? ChannelId { get; set; }

    /// <summary>Sender.</summary>
    public ChannelAccount? From { get; set; }

    /// <summary>Conversation; its id is required.</summary>
    public ConversationAccount? Conversation { get; set; }

    /// <summary>Receiver (the bot, on inbound activities).</summary>
    public ChannelAccount? Recipient { get; set; }

    /// <summary><c>plain</c> (default), <c>markdown</c> or <c>xml</c>.</summary>
    public string? TextFormat { get; set; }

    /// <summary><c>list</c> (default) or <c>carousel</c>.</summary>
    public string? AttachmentLayout { get; set; }

    /// <summary>Members added (conversationUpdate).</summary>
    public IList<ChannelAccount>? MembersAdded { get; set; }

    /// <summary>Members removed (conversationUpdate).</summary>
    public IList<ChannelAccount>? MembersRemoved { get; set; }

    /// <summary>Reactions added (messageReaction).</summary>
    public IList<MessageReaction>? ReactionsAdded { get; set; }

    /// <summary>Reactions removed (messageReaction).</summary>
    public IList<MessageReaction>? ReactionsRemoved { get; set; }

    /// <summary>Conversation topic (conversationUpdate).</summary>
    public string? TopicName { get; set; }

    /// <summary>Whether earlier history was disclosed (conversationUpdate).</summary>
    public bool? HistoryDisclosed { get; set; }

    /// <summary>BCP-47 locale; unknown when missing.</summary>
    public string? Locale { get; set; }

    /// <summary>Message text; may be empty.</summary>
    public string? Text { get; set; }

    /// <summary>Text to speak.</summary>
    public string? Speak { get; set; }

    /// <summary>Whether the bot expects input (see <see cref="InputHints"/>); unknown means accepting.</summary>
    public string? InputHint { get; set; }

    /// <summary>Text shown when attachments cannot be.</summary>
    public string? Summary { get; set; }

    /// <summary>Quick-reply buttons.</summary>
    public SuggestedActions? SuggestedActions { get; set; }

    /// <summary>Cards, files, media; order matters.</summary>
    public IList<Attachment>? Attachments { get; set; }

    /// <summary>Metadata (mentions, clientInfo, …); ignore unknown types.</summary>
    public IList<Entity>? Entities { get; set; }

    /// <summary>Channel-specific extension; opaque JSON.</summary>
    public JsonElement? ChannelData { get; set; }

    /// <summary><c>add</c>/<c>remove</c> (installationUpdate, contactRelationUpdate).</summary>
    public string? Action { get; set; }

    /// <summary>Id of the activity this one answers.</summary>
    public string? ReplyToId { get; set; }

    /// <summary>Descriptive label (trace).</summary>
    public string? Label { get; set; }

    /// <summary>Type of <see cref="Value"/> (trace).</summary>
    public string? ValueType { get; set; }

    /// <summary>Programmatic payload (card submits, invoke parameters); opaque JSON.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>Name of an event or invoke; selects the meaning of <see cref="Value"/>.</summary>
    public string? Name { get; set; }

    /// <summary>The activity this one relates to.</summary>
    public ConversationReference? RelatesTo { get; set; }

    /// <summary>End-of-conversation code.</summary>
    public string? Code { get; set; }

    /// <summary>When the activity should be considered expired (UTC).</summary>
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? Expiration { get; set; }

    /// <summary><c>low</c>, <c>normal</c> or <c>high</c>.</summary>
    public string? Importance { get; set; }

    /// <summary>Delivery hint; <c>expectReplies</c> asks for replies in the HTTP response (not supported here).</summary>
    public string? DeliveryMode { get; set; }

    /// <summary>Phrases a speech recognizer should listen for.</summary>
    public IList<string>? ListenFor { get; set; }

    /// <summary>Text highlights; opaque JSON.</summary>
    public JsonElement? TextHighlights { get; set; }

    /// <summary>Semantic action; opaque JSON.</summary>
    public JsonElement? SemanticAction { get; set; }

    /// <summary>
    /// Who called the bot, derived from the validated token (<c>urn:botframework:azure</c> for ABS). Never
    /// trusted from the wire: the adapter overwrites it.
    /// </summary>
    public string? CallerId { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
