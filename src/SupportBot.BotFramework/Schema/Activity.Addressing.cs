namespace SupportBot.BotFramework.Schema;

public sealed partial class Activity
{
    /// <summary>
    /// Creates a message answering this activity, addressed as the SDK does: from/recipient swapped, same
    /// conversation (id, name, isGroup), channelId, serviceUrl and locale, <c>replyToId</c> = this id
    /// (except for a conversationUpdate on Direct Line/Web Chat, whose id never reaches the client),
    /// and <c>inputHint: acceptingInput</c>.
    /// </summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient is null ? null : new ChannelAccount(Recipient.Id, Recipient.Name, Recipient.Role),
        Recipient = From is null ? null : new ChannelAccount(From.Id, From.Name),
        Conversation = Conversation is null
            ? null
            : new ConversationAccount { Id = Conversation.Id, Name = Conversation.Name, IsGroup = Conversation.IsGroup },
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        ReplyToId = GetReplyToId(),
        Locale = Locale,
        Text = text ?? string.Empty,
        InputHint = InputHints.AcceptingInput,
    };

    /// <summary>
    /// What to store to reach this conversation later; <see cref="ConversationReference.ActivityId"/> is
    /// left empty where replies must not thread (see <see cref="CreateReply"/>).
    /// </summary>
    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = GetReplyToId(),
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>
    /// Addresses this (outgoing) activity to <paramref name="reference"/>: from = bot, recipient = user,
    /// conversation, channelId, serviceUrl, locale when unset, and replyToId when the reference has an
    /// activity id. Returns this activity.
    /// </summary>
    public Activity ApplyConversationReference(ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ChannelId = reference.ChannelId;
        ServiceUrl = reference.ServiceUrl;
        Conversation = reference.Conversation;
        Locale ??= reference.Locale;
        From = reference.Bot;
        Recipient = reference.User;
        if (!string.IsNullOrEmpty(reference.ActivityId))
        {
            ReplyToId = reference.ActivityId;
        }

        return this;
    }

    /// <summary>The <c>mention</c> entities (type compared case-insensitively, as the SDK does).</summary>
    public IReadOnlyList<Mention> GetMentions()
    {
        if (Entities is null)
        {
            return [];
        }

        return Entities
            .Where(e => e is not null && string.Equals(e.Type, Mention.EntityType, StringComparison.OrdinalIgnoreCase))
            .Select(ReadMention)
            .OfType<Mention>()
            .ToList();
    }

    // A mention whose fields have the wrong types ("mentioned": 5) is no mention of anyone: skip it.
    private static Mention? ReadMention(Entity entity)
    {
        try
        {
            return entity.GetAs<Mention>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Direct Line clients never see the id of a conversationUpdate, and Web Chat holds a reply whose
    // replyToId it has not seen for up to 5 s, so the SDK leaves replyToId empty there.
    private string? GetReplyToId() =>
        Type == ActivityTypes.ConversationUpdate && ChannelId is Channels.Directline or Channels.Webchat ? null : Id;
}
