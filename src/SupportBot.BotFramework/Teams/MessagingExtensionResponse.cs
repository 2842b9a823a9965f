using System.Text.Json;
using System.Text.Json.Serialization;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Teams;

/// <summary>Body of the 200 answer to <c>composeExtension/query</c> and <c>composeExtension/selectItem</c>.</summary>
public sealed class MessagingExtensionResponse
{
    /// <summary>The result envelope.</summary>
    public MessagingExtensionResult? ComposeExtension { get; set; }
}

/// <summary>What the messaging extension shows.</summary>
public sealed class MessagingExtensionResult
{
    /// <summary><c>result</c>, <c>message</c>, <c>auth</c>, <c>config</c>, <c>botMessagePreview</c>, <c>silentAuth</c>.</summary>
    public string? Type { get; set; } = MessagingExtensionResultTypes.Result;

    /// <summary><c>list</c> or <c>grid</c>.</summary>
    public string? AttachmentLayout { get; set; }

    /// <summary>The results.</summary>
    public IList<MessagingExtensionAttachment>? Attachments { get; set; }

    /// <summary>Actions for <c>auth</c>/<c>config</c> results (openUrl).</summary>
    public SuggestedActions? SuggestedActions { get; set; }

    /// <summary>Plain text for <c>message</c> results.</summary>
    public string? Text { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>
/// One result: the card inserted when chosen, plus the <see cref="Preview"/> (hero or thumbnail card) shown
/// in the list. Adaptive results need an explicit preview or Teams shows nothing.
/// </summary>
public sealed class MessagingExtensionAttachment : Attachment
{
    /// <summary>The list item: a hero or thumbnail card, tap action <c>invoke</c> only.</summary>
    public Attachment? Preview { get; set; }
}

/// <summary>Values of <see cref="MessagingExtensionResult.Type"/>.</summary>
public static class MessagingExtensionResultTypes
{
    /// <summary>A list of results.</summary>
    public const string Result = "result";
    /// <summary>Plain text.</summary>
    public const string Message = "message";
    /// <summary>Sign-in needed.</summary>
    public const string Auth = "auth";
    /// <summary>Configuration needed.</summary>
    public const string Config = "config";
}
