using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>A <c>mention</c> entity: who was mentioned and the exact text of the mention in <c>text</c>.</summary>
public sealed class Mention
{
    /// <summary>The entity type of a mention.</summary>
    public const string EntityType = "mention";

    /// <summary>Always <c>mention</c>.</summary>
    public string? Type { get; set; } = EntityType;

    /// <summary>The account mentioned; trust this id, never the text.</summary>
    public ChannelAccount? Mentioned { get; set; }

    /// <summary>The substring of the activity's text that renders the mention, e.g. <c>&lt;at&gt;Ana&lt;/at&gt;</c>.</summary>
    public string? Text { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// Creates a mention of <paramref name="account"/> whose text is <c>&lt;at&gt;Name&lt;/at&gt;</c>. Put the same
    /// <see cref="Text"/> in the message text: Teams ignores a mention whose text does not match exactly.
    /// </summary>
    public static Mention Create(ChannelAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Mention
        {
            Mentioned = new ChannelAccount(account.Id, account.Name),
            Text = $"<at>{WebUtility.HtmlEncode(account.Name ?? account.Id)}</at>",
        };
    }

    /// <summary>This mention as an <see cref="Entity"/> for <see cref="Activity.Entities"/>.</summary>
    public Entity ToEntity() => Entity.FromObject(this);
}
