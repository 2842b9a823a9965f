using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>An account in a channel: a user, a bot or a skill.</summary>
public sealed class ChannelAccount
{
    /// <summary>Creates an empty account.</summary>
    public ChannelAccount()
    {
    }

    /// <summary>Creates an account with an id, and optionally a name and role.</summary>
    public ChannelAccount(string? id, string? name = null, string? role = null)
    {
        Id = id;
        Name = name;
        Role = role;
    }

    /// <summary>Address in the channel; stable across fields.</summary>
    public string? Id { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Entra object id (Teams).</summary>
    public string? AadObjectId { get; set; }

    /// <summary><c>user</c>, <c>bot</c> or <c>skill</c> (see <see cref="RoleTypes"/>).</summary>
    public string? Role { get; set; }

    /// <summary>Fields this library does not model (e.g. Teams' <c>givenName</c>, <c>email</c>); kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
