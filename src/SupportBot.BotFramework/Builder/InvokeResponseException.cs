namespace SupportBot.BotFramework.Builder;

/// <summary>
/// Thrown by an invoke handler to answer with a status (e.g. 400 for a malformed value, 501 for an
/// unhandled name) without treating the turn as failed.
/// </summary>
public sealed class InvokeResponseException : Exception
{
    /// <summary>Creates an exception for 500.</summary>
    public InvokeResponseException()
        : this(500)
    {
    }

    /// <summary>Creates an exception with a message (status 500).</summary>
    public InvokeResponseException(string message)
        : base(message)
    {
        Status = 500;
    }

    /// <summary>Creates an exception with a message and cause (status 500).</summary>
    public InvokeResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
    }

    /// <summary>Creates an exception answering <paramref name="status"/> with an optional body.</summary>
    public InvokeResponseException(int status, object? body = null)
        : base($"Invoke answered with status {status}.")
    {
        Status = status;
        Body = body;
    }

    /// <summary>HTTP status of the invoke response.</summary>
    public int Status { get; }

    /// <summary>Body of the invoke response.</summary>
    public object? Body { get; }
}
