namespace SupportBot.Storage.Redis;

/// <summary>
/// This process's waiters, per conversation: the one pub/sub subscription wakes the waiters of the
/// conversation named in a notification, so a thousand open streams cost one subscription, not a thousand.
/// A signal lives while someone waits on it.
/// </summary>
internal sealed class ActivitySignals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Signal> _signals = new(StringComparer.Ordinal);

    /// <summary>Conversations someone waits on now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _signals.Count;
            }
        }
    }

    /// <summary>Starts waiting for <paramref name="conversationId"/>; dispose the lease when done.</summary>
    public Lease Register(string conversationId)
    {
        lock (_gate)
        {
            if (!_signals.TryGetValue(conversationId, out var signal))
            {
                signal = new Signal();
                _signals[conversationId] = signal;
            }

            signal.Waiters++;
            return new Lease(this, conversationId, signal);
        }
    }

    /// <summary>Wakes everyone waiting for <paramref name="conversationId"/>.</summary>
    public void Wake(string conversationId)
    {
        Signal? signal;
        lock (_gate)
        {
            if (_signals.Remove(conversationId, out signal))
            {
                signal.Woken = true;
            }
        }

        signal?.Completion.TrySetResult();
    }

    /// <summary>Wakes every waiter (after an outage, notifications may have been missed; a spurious wake costs a read).</summary>
    public void WakeAll()
    {
        List<Signal> woken;
        lock (_gate)
        {
            woken = [.. _signals.Values];
            foreach (var signal in woken)
            {
                signal.Woken = true;
            }

            _signals.Clear();
        }

        foreach (var signal in woken)
        {
            signal.Completion.TrySetResult();
        }
    }

    private void Release(string conversationId, Signal signal)
    {
        lock (_gate)
        {
            if (--signal.Waiters == 0 && !signal.Woken)
            {
                _signals.Remove(conversationId);
            }
        }
    }

    /// <summary>One waiter's hold on a conversation's signal.</summary>
    public sealed class Lease(ActivitySignals owner, string conversationId, ActivitySignals.Signal signal) : IDisposable
    {
        private int _disposed;

        /// <summary>Completes when the conversation is notified.</summary>
        public Task Woken => signal.Completion.Task;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release(conversationId, signal);
            }
        }
    }

    internal sealed class Signal
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Waiters { get; set; }

        public bool Woken { get; set; }
    }
}
