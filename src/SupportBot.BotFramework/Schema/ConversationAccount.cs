using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>The conversation an activity belongs to.</summary>
public sealed class ConversationAccount
{
    /// <summary>Opaque id, unique per channel (Teams ids contain <c>:</c>, <c>@</c>, <c>;</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>True when the conversation has more than two participants.</summary>
    public bool? IsGroup { get; set; }

    /// <summary>Channel-defined kind; Teams: <c>personal</c>, <c>groupChat</c>, <c>channel</c>.</summary>
    public string? ConversationType { get; set; }

    /// <summary>Entra tenant (Teams).</summary>
    public string? TenantId { get; set; }

    /// <summary>Entra object id.</summary>
    public string? AadObjectId { get; set; }

    /// <summary>Role of the conversation's owner, rarely set.</summary>
    public string? Role { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
