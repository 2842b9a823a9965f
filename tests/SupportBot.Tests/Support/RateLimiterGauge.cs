using System.Diagnostics.Metrics;

namespace SupportBot.Tests.Support;

/// <summary>
/// Reads one host's rate limiter metrics (ASP.NET Core's <c>aspnetcore.rate_limiting.*</c> up-down counters) as
/// they happen, so a test can wait until requests really are in progress or queued instead of sleeping.
/// Other hosts in the same process are told apart by their meter factory.
/// </summary>
internal sealed class RateLimiterGauge : IDisposable
{
    private const string MeterName = "Microsoft.AspNetCore.RateLimiting";
    private const string ActiveLeases = "aspnetcore.rate_limiting.active_request_leases";
    private const string Queued = "aspnetcore.rate_limiting.queued_requests";

    private readonly MeterListener _listener = new();
    private long _active;
    private long _queued;

    public RateLimiterGauge(IServiceProvider hostServices)
    {
        var factory = hostServices.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name is ActiveLeases or Queued)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, delta, _, _) =>
        {
            if (instrument.Name == ActiveLeases)
            {
                Interlocked.Add(ref _active, delta);
            }
            else
            {
                Interlocked.Add(ref _queued, delta);
            }
        });
        _listener.Start();
    }

    public long Active => Interlocked.Read(ref _active);

    public long QueuedCount => Interlocked.Read(ref _queued);

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }

    public void Dispose() => _listener.Dispose();
}
