using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Teams;

/// <summary>The <c>value</c> of a <c>composeExtension/query</c> invoke: a search typed in a messaging extension.</summary>
public sealed class MessagingExtensionQuery
{
    /// <summary>The manifest command id.</summary>
    public string? CommandId { get; set; }

    /// <summary>Parameters by manifest name; <c>initialRun</c> = "true" for the default query.</summary>
    public IList<MessagingExtensionParameter>? Parameters { get; set; }

    /// <summary>Paging of the results.</summary>
    public MessagingExtensionQueryOptions? QueryOptions { get; set; }

    /// <summary>State returned after an auth/config popup.</summary>
    public string? State { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The value of the parameter <paramref name="name"/> as text (strings unquoted, other JSON raw), or null.</summary>
    public string? GetParameterValue(string name)
    {
        var parameter = Parameters?.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
        return parameter?.Value switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Null } => null,
            { } other => other.GetRawText(),
        };
    }
}

/// <summary>One messaging extension parameter.</summary>
public sealed class MessagingExtensionParameter
{
    /// <summary>Manifest parameter name.</summary>
    public string? Name { get; set; }

    /// <summary>Value; usually a string.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>Paging of messaging extension results.</summary>
public sealed class MessagingExtensionQueryOptions
{
    /// <summary>Results to skip.</summary>
    public int? Skip { get; set; }

    /// <summary>Results wanted (25 in Teams' examples).</summary>
    public int? Count { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
