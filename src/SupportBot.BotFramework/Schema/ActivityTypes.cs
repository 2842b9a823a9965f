namespace SupportBot.BotFramework.Schema;

/// <summary>Values of <see cref="Activity.Type"/> (compare ordinally).</summary>
public static class ActivityTypes
{
    /// <summary>User or bot content.</summary>
    public const string Message = "message";
    /// <summary>Members added/removed or conversation metadata changed.</summary>
    public const string ConversationUpdate = "conversationUpdate";
    /// <summary>Synchronous request whose answer is the HTTP response.</summary>
    public const string Invoke = "invoke";
    /// <summary>Not sent on the wire: how a bot hands its invoke answer to the turn.</summary>
    public const string InvokeResponse = "invokeResponse";
    /// <summary>App-defined asynchronous signal.</summary>
    public const string Event = "event";
    /// <summary>Someone is typing.</summary>
    public const string Typing = "typing";
    /// <summary>Reactions added to or removed from an earlier activity.</summary>
    public const string MessageReaction = "messageReaction";
    /// <summary>App installed or uninstalled.</summary>
    public const string InstallationUpdate = "installationUpdate";
    /// <summary>The conversation ended.</summary>
    public const string EndOfConversation = "endOfConversation";
    /// <summary>A previous message was edited.</summary>
    public const string MessageUpdate = "messageUpdate";
    /// <summary>A previous message was deleted.</summary>
    public const string MessageDelete = "messageDelete";
    /// <summary>Diagnostic activity; only the Emulator shows it.</summary>
    public const string Trace = "trace";
    /// <summary>Contact list change.</summary>
    public const string ContactRelationUpdate = "contactRelationUpdate";
}

/// <summary>Values of <see cref="CardAction.Type"/>.</summary>
public static class ActionTypes
{
    /// <summary>Posts the value as a visible user message.</summary>
    public const string ImBack = "imBack";
    /// <summary>Posts the value as a message hidden from the feed.</summary>
    public const string PostBack = "postBack";
    /// <summary>Posts text, optional display text and a value object.</summary>
    public const string MessageBack = "messageBack";
    /// <summary>Opens a URL.</summary>
    public const string OpenUrl = "openUrl";
    /// <summary>Downloads a file.</summary>
    public const string DownloadFile = "downloadFile";
    /// <summary>Shows an image.</summary>
    public const string ShowImage = "showImage";
    /// <summary>Starts a sign-in flow.</summary>
    public const string Signin = "signin";
    /// <summary>Plays audio.</summary>
    public const string PlayAudio = "playAudio";
    /// <summary>Plays video.</summary>
    public const string PlayVideo = "playVideo";
    /// <summary>Places a call.</summary>
    public const string Call = "call";
    /// <summary>Teams only: sends an invoke.</summary>
    public const string Invoke = "invoke";
}

/// <summary>Values of <see cref="ChannelAccount.Role"/>. Web Chat decides the bubble side by it.</summary>
public static class RoleTypes
{
    /// <summary>A person.</summary>
    public const string User = "user";
    /// <summary>A bot.</summary>
    public const string Bot = "bot";
    /// <summary>A skill bot.</summary>
    public const string Skill = "skill";
}

/// <summary>Values of <see cref="Activity.InputHint"/> in the spelling the SDKs emit.</summary>
public static class InputHints
{
    /// <summary>The bot is passively ready for input (the default).</summary>
    public const string AcceptingInput = "acceptingInput";
    /// <summary>The bot asked a question and waits for the answer.</summary>
    public const string ExpectingInput = "expectingInput";
    /// <summary>The bot is not ready for input.</summary>
    public const string IgnoringInput = "ignoringInput";
}

/// <summary>Values of <see cref="Activity.TextFormat"/>.</summary>
public static class TextFormatTypes
{
    /// <summary>Plain text (the default; omit it).</summary>
    public const string Plain = "plain";
    /// <summary>Markdown.</summary>
    public const string Markdown = "markdown";
    /// <summary>XML.</summary>
    public const string Xml = "xml";
}

/// <summary>Well-known <see cref="Activity.ChannelId"/> values (compare ordinally).</summary>
public static class Channels
{
    /// <summary>Microsoft Teams.</summary>
    public const string Msteams = "msteams";
    /// <summary>Direct Line.</summary>
    public const string Directline = "directline";
    /// <summary>Web Chat.</summary>
    public const string Webchat = "webchat";
    /// <summary>Bot Framework Emulator.</summary>
    public const string Emulator = "emulator";
}
