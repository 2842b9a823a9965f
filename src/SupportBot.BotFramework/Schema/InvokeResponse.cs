namespace SupportBot.BotFramework.Schema;

/// <summary>
/// The answer to an <c>invoke</c> activity: written as the HTTP status and JSON body of the channel's
/// request. A turn that produces none answers 501.
/// </summary>
public sealed class InvokeResponse
{
    /// <summary>HTTP status code.</summary>
    public int Status { get; set; }

    /// <summary>Body serialized with <see cref="BotJson.Options"/>; null for no body.</summary>
    public object? Body { get; set; }

    /// <summary>Creates a 200 response with a body.</summary>
    public static InvokeResponse Ok(object? body = null) => new() { Status = 200, Body = body };
}
