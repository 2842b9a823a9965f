using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Teams;

/// <summary>Teams' <c>channelData</c>: the authoritative source of tenant, team and channel ids.</summary>
public sealed class TeamsChannelData
{
    /// <summary>Entra tenant (all contexts).</summary>
    public TenantInfo? Tenant { get; set; }

    /// <summary>Team (team/channel contexts).</summary>
    public TeamInfo? Team { get; set; }

    /// <summary>Channel (team/channel contexts).</summary>
    public ChannelInfo? Channel { get; set; }

    /// <summary>conversationUpdate event, e.g. <c>teamMemberAdded</c>.</summary>
    public string? EventType { get; set; }

    /// <summary>Fields this library does not model (settings, notification, source, …).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A tenant.</summary>
public sealed class TenantInfo
{
    /// <summary>Tenant id.</summary>
    public string? Id { get; set; }
}

/// <summary>A team.</summary>
public sealed class TeamInfo
{
    /// <summary>Team id (<c>19:…@thread.tacv2</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Name, only on rename/create events.</summary>
    public string? Name { get; set; }

    /// <summary>Entra group id.</summary>
    public string? AadGroupId { get; set; }
}

/// <summary>A channel.</summary>
public sealed class ChannelInfo
{
    /// <summary>Channel id.</summary>
    public string? Id { get; set; }

    /// <summary>Name, only on rename/create events.</summary>
    public string? Name { get; set; }
}
