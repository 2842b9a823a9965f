using System.Diagnostics.Metrics;

namespace SupportBot.Storage;

/// <summary>
/// Storage operations given up since the process started (after their retries), for the health report and
/// as the metric <c>supportbot.storage.failures</c> (meter <c>SupportBot.Storage</c>, tags store and operation).
/// </summary>
internal sealed class StorageFailures
{
    public const string MeterName = "SupportBot.Storage";

    private readonly Counter<long> _counter;
    private readonly TimeProvider _time;
    private long _reads;
    private long _writes;
    private long _lastFailureTicks;

    public StorageFailures(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _counter = meters.Create(MeterName).CreateCounter<long>("supportbot.storage.failures", "{operation}", "Storage reads and writes given up.");
        _time = time;
    }

    /// <summary>Reads that failed (and were answered with a fallback or a 503).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Writes given up after their retries.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>When the last failure happened, if any.</summary>
    public DateTimeOffset? LastFailureAt => Interlocked.Read(ref _lastFailureTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void ReadFailed(string store) => Count(ref _reads, store, "read");

    public void WriteFailed(string store) => Count(ref _writes, store, "write");

    private void Count(ref long total, string store, string operation)
    {
        Interlocked.Increment(ref total);
        Interlocked.Exchange(ref _lastFailureTicks, _time.GetUtcNow().UtcTicks);
        _counter.Add(1, new KeyValuePair<string, object?>("store", store), new KeyValuePair<string, object?>("operation", operation));
    }
}
