using System.Net;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Connector;

/// <summary>A Connector call failed after any retries: the status code and the channel's error body.</summary>
public sealed class ConnectorException : Exception
{
    /// <summary>Creates an exception.</summary>
    public ConnectorException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ConnectorException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an HTTP failure.</summary>
    public ConnectorException(string message, HttpStatusCode? statusCode, ErrorResponse? error, string? correlationId, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Error = error;
        CorrelationId = correlationId;
    }

    /// <summary>HTTP status of the last attempt; null when no response arrived (timeout, network).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The channel's error body (<c>{ error: { code, message } }</c>), when it sent one.</summary>
    public ErrorResponse? Error { get; }

    /// <summary>The <c>X-Correlating-OperationId</c> response header, to quote to the channel's support.</summary>
    public string? CorrelationId { get; }

    /// <summary>How many HTTP attempts the call made before giving up (0 when it failed before sending).</summary>
    public int Attempts { get; init; }
}
