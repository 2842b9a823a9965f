using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The self-hosted Direct Line's state: which conversations exist and each one's transcript (the activities
/// of all participants in order, with their watermarks). Everything else the service keeps is in its signed
/// tokens, so a shared implementation of this interface (e.g. Redis: a hash per conversation, INCR for the
/// sequence, a capped list for the transcript, pub/sub for <see cref="WaitForActivityAsync"/>) is all that
/// several instances need (with <see cref="IDirectLineRevocations"/> and <see cref="IDirectLineSigningKey"/>).
/// Implementations throw <see cref="DirectLineStoreUnavailableException"/> when their backend cannot be
/// reached. Implementations own expiry: an idle or evicted conversation is simply not found.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Creates an empty conversation; false when it already exists (it is then marked as used).</summary>
    Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Marks the conversation as used now; false when it does not exist (or has expired).</summary>
    Task<bool> TouchAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="activity"/> to the transcript: assigns the next sequence number, sets the
    /// activity's <see cref="Activity.Id"/> to <c>{conversationId}|{sequence:D7}</c> and stores its JSON.
    /// Null when the conversation does not exist.
    /// </summary>
    Task<StoredActivity?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> activities with a sequence number above <paramref name="afterWatermark"/>,
    /// oldest first; null when the conversation does not exist.
    /// </summary>
    Task<TranscriptPage?> ReadAsync(string conversationId, long afterWatermark, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the conversation has an activity after <paramref name="afterWatermark"/> (true) or has
    /// gone (false). Callers then read; a spurious wake-up only costs a read.
    /// </summary>
    Task<bool> WaitForActivityAsync(string conversationId, long afterWatermark, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the conversation now (the user ended it): its transcript is gone and open streams, on every
    /// instance, wake up, find it gone and close. False when it did not exist.
    /// </summary>
    Task<bool> RemoveAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Forgets conversations idle for longer than the configured timeout; returns how many.</summary>
    Task<int> RemoveIdleAsync(CancellationToken cancellationToken);
}

/// <summary>One activity of a transcript, as clients receive it.</summary>
/// <param name="Sequence">Its position: the watermark of a set ending with it.</param>
/// <param name="Id">The id clients de-duplicate by.</param>
/// <param name="Type">The activity type (typing is not served to polling clients).</param>
/// <param name="Json">The activity, serialized once.</param>
public sealed record StoredActivity(long Sequence, string Id, string Type, string Json);

/// <summary>A slice of a transcript.</summary>
/// <param name="Activities">The activities read, oldest first.</param>
/// <param name="Latest">The sequence number of the newest activity in the conversation (0 when none).</param>
public sealed record TranscriptPage(IReadOnlyList<StoredActivity> Activities, long Latest);
