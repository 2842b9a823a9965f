using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>A card, file or media item attached to an activity.</summary>
public class Attachment
{
    /// <summary>MIME type or card type, e.g. <c>application/vnd.microsoft.card.adaptive</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>Where the content lives (https or data URI); not together with <see cref="Content"/>.</summary>
    public string? ContentUrl { get; set; }

    /// <summary>Inline content (a card); opaque JSON passed through untouched.</summary>
    public JsonElement? Content { get; set; }

    /// <summary>File name.</summary>
    public string? Name { get; set; }

    /// <summary>Thumbnail URL.</summary>
    public string? ThumbnailUrl { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Well-known attachment content types.</summary>
public static class AttachmentContentTypes
{
    /// <summary>Adaptive Card.</summary>
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    /// <summary>Hero card.</summary>
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    /// <summary>Thumbnail card.</summary>
    public const string ThumbnailCard = "application/vnd.microsoft.card.thumbnail";
}

/// <summary>Values of <see cref="Activity.AttachmentLayout"/>.</summary>
public static class AttachmentLayoutTypes
{
    /// <summary>Vertical list (the default).</summary>
    public const string List = "list";
    /// <summary>Horizontal carousel.</summary>
    public const string Carousel = "carousel";
    /// <summary>Grid (Teams messaging extension results).</summary>
    public const string Grid = "grid";
}
