namespace SupportBot.Storage.Redis;

// Never keys' contents, tokens, the signing key or customer text: store names, counts and exception types.
internal static partial class Log
{
    [LoggerMessage(3110, LogLevel.Information, "Shared state is kept in Redis at {Endpoints} (keys prefixed '{Prefix}').")]
    public static partial void Using(ILogger logger, string endpoints, string prefix);

    [LoggerMessage(3111, LogLevel.Warning, "Redis cannot be reached ({FailureType}); answering continues, shared state waits until it is back.")]
    public static partial void Unreachable(ILogger logger, string failureType);

    [LoggerMessage(3112, LogLevel.Information, "Redis is reachable again.")]
    public static partial void Restored(ILogger logger);

    [LoggerMessage(3113, LogLevel.Warning, "Could not read {Store} from Redis ({Error}); carrying on without it.")]
    public static partial void ReadFailed(ILogger logger, string store, string error);

    [LoggerMessage(3114, LogLevel.Debug, "Writing {Store} to Redis failed ({Error}); retry {Attempt}.")]
    public static partial void WriteRetrying(ILogger logger, string store, string error, int attempt);

    [LoggerMessage(3115, LogLevel.Error, "Gave up writing {Store} to Redis after {Attempts} attempts ({Error}); it is lost.")]
    public static partial void WriteFailed(ILogger logger, string store, int attempts, string error);

    [LoggerMessage(3116, LogLevel.Information, "Direct Line tokens are signed with the key shared in Redis (created it: {Created}).")]
    public static partial void SigningKeyLoaded(ILogger logger, bool created);

    [LoggerMessage(3117, LogLevel.Warning, "The Direct Line signing key could not be read from Redis yet ({Error}); the first chat will try again.")]
    public static partial void SigningKeyDeferred(ILogger logger, string error);

    [LoggerMessage(3118, LogLevel.Warning, "Direct Line store call to Redis failed ({Error}).")]
    public static partial void DirectLineFailed(ILogger logger, string error);

    [LoggerMessage(3120, LogLevel.Warning, "Redis holds another Direct Line signing key than this replica did (its data was lost and refilled); using Redis's, so tokens this replica issued before are refused.")]
    public static partial void SigningKeyReplaced(ILogger logger);

    [LoggerMessage(3119, LogLevel.Error, "Redis delivered a Direct Line notification this replica could not handle.")]
    public static partial void NotificationFailed(ILogger logger, Exception exception);
}
