namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The store behind the Direct Line (its transcripts, revocations or signing key) cannot be reached right now,
/// e.g. a shared Redis is down. Store implementations throw it instead of their client's own exceptions, so
/// the routes can answer 503 <c>ServiceUnavailable</c> (try again) rather than 500.
/// </summary>
public sealed class DirectLineStoreUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public DirectLineStoreUnavailableException()
        : base("The Direct Line store cannot be reached.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public DirectLineStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the store client's own exception.</summary>
    public DirectLineStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
