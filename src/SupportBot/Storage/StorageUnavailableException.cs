namespace SupportBot.Storage;

/// <summary>
/// A shared store (Redis) cannot be reached, so a read that has no sensible fallback (a report) cannot be
/// answered now. The API answers 503; conversation state reads do not throw it (they start afresh).
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : base("The shared store cannot be reached.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
