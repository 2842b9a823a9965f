using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportBot.BotFramework.Schema;

/// <summary>Body of every Connector/Direct Line 4xx/5xx: <c>{ "error": { "code", "message" } }</c>.</summary>
public sealed class ErrorResponse
{
    /// <summary>The error.</summary>
    public Error? Error { get; set; }

    /// <summary>Creates a response with a code and a message.</summary>
    public static ErrorResponse Create(string code, string message) => new() { Error = new Error { Code = code, Message = message } };
}

/// <summary>An error: a stable code and a human message that may change.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "The Bot Framework schema calls it Error.")]
public sealed class Error
{
    /// <summary>Stable code, e.g. <c>MessageSizeTooBig</c>.</summary>
    public string? Code { get; set; }

    /// <summary>Human-readable message.</summary>
    public string? Message { get; set; }

    /// <summary>The HTTP error from a downstream service, if any.</summary>
    public InnerHttpError? InnerHttpError { get; set; }

    /// <summary>Fields this library does not model; kept for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>A downstream HTTP error inside an <see cref="Error"/>.</summary>
public sealed class InnerHttpError
{
    /// <summary>Downstream status code.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Downstream body; opaque JSON.</summary>
    public JsonElement? Body { get; set; }
}
