namespace SupportBot.Limits;

/// <summary>
/// Tells the log that the host is shedding load without writing a line per refused request: under overload
/// that would be thousands of lines a second, costing the very capacity that ran out. The first refusal is
/// reported at once, then at most one line per <see cref="Interval"/> with the count since the last.
/// </summary>
internal sealed class OverloadReporter(TimeProvider time, ILogger<OverloadReporter> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _unreported;
    private long _lastReport;

    public void Shed(int maxConcurrentRequests, int queueLimit)
    {
        Interlocked.Increment(ref _unreported);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastReport);
        if (last != 0 && time.GetElapsedTime(last, now) < Interval)
        {
            return;
        }

        // One caller wins the report; the others' refusals are counted in it or in the next.
        if (Interlocked.CompareExchange(ref _lastReport, now, last) == last)
        {
            Log.Shed(logger, Interlocked.Exchange(ref _unreported, 0), maxConcurrentRequests, queueLimit);
        }
    }
}
